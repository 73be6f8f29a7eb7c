using MyeloDx.Core.Inference;
using MyeloDx.Text.Context;
using MyeloDx.Text.Rules;

namespace MyeloDx.Text.Extraction;

[Flags]
public enum MentionFlags
{
    None = 0, Negated = 1, Uncertain = 2, Historical = 4, Hypothetical = 8, OtherExperiencer = 16, Brain = 32, Positive = 64, Unreported = 128, OtherOrgan = 256,
    /// <summary>A raised or a low result word ("raised", "low"): read against the test's abnormal direction, then cleared.</summary>
    Raised = 512, Lowered = 1024,
}

/// <summary>
/// One vocabulary term found in the text, with the modifiers that govern it and what it finally means:
/// <see cref="Findings"/> (knowledge-base variable states) or, for a concept, the concept itself; or why it was
/// set aside (<see cref="DroppedBecause"/>: "negated", "hypothetical", "about someone else", ...).
/// </summary>
public sealed record Mention(
    Term Term,
    int Sentence,
    int TokenStart,
    int TokenEnd,
    TextSpan Span,
    MentionFlags Flags,
    IReadOnlyList<ModifierHit> Modifiers,
    IReadOnlyList<FindingRef> Findings,
    bool Uncertain,
    string? DroppedBecause)
{
    public bool Negated => (Flags & MentionFlags.Negated) != 0;
    public bool Hypothetical => (Flags & MentionFlags.Hypothetical) != 0;
    public bool Historical => (Flags & MentionFlags.Historical) != 0;
    public bool OtherExperiencer => (Flags & MentionFlags.OtherExperiencer) != 0;
    public bool Used => DroppedBecause is null;
    public string? Concept => Term.Concept;
}

/// <summary>A number the extractor read, what it is, and where (for --explain-text and the tests).</summary>
public sealed record NumberMention(string Kind, string Value, TextSpan Span);
