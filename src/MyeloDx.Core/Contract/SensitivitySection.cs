using System.Text.Json.Serialization;

namespace MyeloDx.Core.Contract;

/// <summary>How far each prior or likelihood would have to move to change the leading diagnosis.</summary>
public sealed record SensitivitySection(
    string Leading,
    string RunnerUp,
    double MarginFactor,
    IReadOnlyList<PriorSensitivityEntry> Priors,
    IReadOnlyList<LikelihoodSensitivityEntry> Likelihoods);

public sealed record PriorSensitivityEntry(string Diagnosis, double Prior, double Factor, double PriorTo, string NewLeader);

public sealed record LikelihoodSensitivityEntry
{
    public required string Finding { get; init; }
    public required string Label { get; init; }
    public required string Competitor { get; init; }
    public required double LeaderLikelihood { get; init; }
    public required double CompetitorLikelihood { get; init; }
    public required double LikelihoodRatio { get; init; }
    public required double FactorToChangeLeader { get; init; }
    public required string LeaderWithoutIt { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Source { get; init; }
    /// <summary>Whether a likelihood under the runner-up could make up the margin (absent for densities).</summary>
    public bool? Feasible { get; init; }
}

/// <summary>`assess --set`: the edits, and each diagnosis before and after them.</summary>
public sealed record WhatIfSection(
    IReadOnlyList<WhatIfEditEntry> Edits,
    string PriorContextBefore,
    string PriorContextAfter,
    string LeadingBefore,
    string LeadingAfter,
    bool LeaderChanged,
    IReadOnlyList<WhatIfChangeEntry> Changes);

/// <summary>One edit as given (set) and as understood: a value ("unknown" removes the finding) or a number.</summary>
public sealed record WhatIfEditEntry(string Finding, string Set, string? Value = null, double? Number = null);

public sealed record WhatIfChangeEntry(string Id, double Before, double After, double Delta, int RankBefore, int RankAfter);

/// <summary>`assess --explain-text`: every mention the reader found (with its modifiers) and every number it read.</summary>
public sealed record TextAnalysisSection(IReadOnlyList<MentionEntry> Mentions, IReadOnlyList<NumberEntry> Numbers, string RulesVersion);

public sealed record MentionEntry(
    string Text,
    SpanEntry Span,
    IReadOnlyList<string> Means,
    bool Negated,
    bool Uncertain,
    bool Historical,
    bool Hypothetical,
    bool OtherExperiencer,
    string? SetAside = null,
    string? Rule = null);

public sealed record NumberEntry(string Kind, string Value, string Text, SpanEntry Span);
