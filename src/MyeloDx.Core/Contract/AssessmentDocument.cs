using System.Text.Json.Serialization;
using MyeloDx.Core.Inference;

namespace MyeloDx.Core.Contract;

/// <summary>
/// The machine-readable assessment: one immutable document that the CLI (--format json), the web API, the registry,
/// CDS Hooks, the reports and the FHIR export all read. Serialised only through <see cref="AssessmentJsonContext"/>
/// (camelCase; a null section is left out). The checked-in schema docs/assessment.schema.json is generated from
/// this type, so a new property here is a new property of the public contract.
/// </summary>
public sealed record AssessmentDocument
{
    /// <summary>What to do within hours when a time-critical cause is plausible; first so a reader meets it first.</summary>
    public FirstActionEntry? FirstAction { get; init; }
    public required string Leading { get; init; }
    /// <summary>Best first; probabilities sum to exactly 1.</summary>
    public required IReadOnlyList<DiagnosisEntry> Differential { get; init; }
    public required IReadOnlyList<FindingEntry> Findings { get; init; }
    public required IReadOnlyList<ComputedEvidenceEntry> ComputedEvidence { get; init; }
    public required IReadOnlyList<UnknownEntry> UnknownsThatMatter { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }
    public required string PriorContext { get; init; }
    public required string KnowledgeVersion { get; init; }
    public string Caveat { get; init; } = Assessment.Caveat;
    /// <summary>How the case came in: structured, text or fhir.</summary>
    public string? Input { get; init; }
    public RadiotherapySection? Radiotherapy { get; init; }
    public ScoresSection? Scores { get; init; }
    public double? DiagnosticUncertaintyBits { get; init; }
    public IReadOnlyList<NextTestEntry>? NextTests { get; init; }
    public IReadOnlyList<WithheldTestEntry>? WithheldTests { get; init; }
    public ManagementSection? Management { get; init; }
    public IReadOnlyList<ReferenceEntry>? References { get; init; }
    public SensitivitySection? Sensitivity { get; init; }
    /// <summary>Only with `assess --set` or another prior context: the change against the original assessment.</summary>
    public WhatIfSection? WhatIf { get; init; }
    /// <summary>Only with `assess --explain-text` on free text: what the reader saw in the note.</summary>
    public TextAnalysisSection? TextAnalysis { get; init; }
}

/// <summary>A character range in the input text (the note a finding was read from).</summary>
public sealed record SpanEntry(int Start, int Length);
