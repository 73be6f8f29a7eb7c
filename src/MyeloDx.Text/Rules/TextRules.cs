using MyeloDx.Core.Knowledge;
using MyeloDx.Text.Matching;

namespace MyeloDx.Text.Rules;

/// <summary>What a ConText category does to the findings in its scope.</summary>
public enum ModifierAttribute { None, Negated, Uncertain, Historical, Hypothetical, OtherExperiencer, Brain, Positive, Unreported, OtherOrgan, Raised, Lowered }

/// <summary>Which way a test's result is abnormal: "B12 low" is a positive B12 test, "ACE raised" a positive ACE test.</summary>
public enum AbnormalDirection { Unstated, High, Low }

/// <summary>ConText rule directions (medspaCy's names).</summary>
public enum ScopeDirection { Forward, Backward, Bidirectional, Terminate, Pseudo }

/// <summary>What becomes of a finding reported as history (prior imaging, earlier episodes); Only: it counts only as history.</summary>
public enum HistoryPolicy { Keep, Drop, Uncertain, Only }

/// <summary>A ConText modifier rule from knowledge/context-rules.yaml.</summary>
public sealed record ContextRule(int Id, string Literal, string Category, ModifierAttribute Attribute, ScopeDirection Direction,
    int MaxScope, IReadOnlySet<string>? Terminates, string Origin);

/// <summary>A section header rule from knowledge/text/sections.yaml.</summary>
public sealed record SectionRule(int Id, string Header, string Category, string? Topic, IReadOnlyList<ModifierAttribute> Attributes, string Origin);

/// <summary>A knowledge-base finding a term stands for: a state of a categorical/binary variable, or a value of a continuous one.</summary>
public sealed record FindingRef(string Variable, string? State, double? Value)
{
    public override string ToString() => State is not null ? $"{Variable}={State}" : $"{Variable}={Value:0.##}";
}

/// <summary>
/// A vocabulary term: the phrases clinicians use for one finding or concept, and how modifiers change it.
/// </summary>
public sealed record Term(
    int Id,
    string Label,
    IReadOnlyList<FindingRef> Findings,
    string? Concept,
    string? ConceptValue,
    IReadOnlyList<FindingRef>? WhenNegated,
    bool DropWhenNegated,
    HistoryPolicy History,
    IReadOnlyList<FindingRef>? InBrain,
    bool DropInBrain,
    bool NeedsResult,
    string? Requires,
    double Weight,
    bool AlwaysUncertain,
    bool OverlapFree,
    bool NegatedWhenUnreported,
    string Origin)
{
    /// <summary>The term states a spinal MRI finding that only an imaging report would state (set by the loader).</summary>
    public bool ImagingFinding { get; init; }

    /// <summary>
    /// The term states the patient's cancer story (the primary, its spread, the cancer treatments given), which an
    /// assessment restating the patient reports as known (set by the loader).
    /// </summary>
    public bool CancerStory { get; init; }

    /// <summary>
    /// The term states who the patient is (immunosuppressed, a smoker, of Black African ancestry): an impression that
    /// names it ("VZV myelitis in an immunosuppressed patient") describes the patient, it does not guess (set by the loader).
    /// </summary>
    public bool PatientAttribute { get; init; }

    /// <summary>
    /// A hedged mention is set aside rather than counted at half weight: a diagnosis named as a possibility ("features
    /// suggestive of a dural AV fistula") is the writer's opinion, not the test result the term stands for.
    /// </summary>
    public bool OpinionDropped { get; init; }

    /// <summary>
    /// The name is too short to stand alone ("T" for a temperature): it counts only with a plausible value right after
    /// it, and that value alone gives the result ("T 39.2" a fever, "T 36.8" none; "T 3 N 1" a tumour stage, nothing).
    /// </summary>
    public bool ValueRequired { get; init; }

    /// <summary>For a test name (needs_result): the value after it that makes the result abnormal (null: words only).</summary>
    public ValueThreshold? Threshold { get; init; }

    /// <summary>
    /// For a test name (needs_result): which way its result is abnormal. "Copper high" is then a normal copper, not a
    /// low one; with <see cref="AbnormalDirection.Unstated"/> a raised result counts as positive and a low one says nothing.
    /// </summary>
    public AbnormalDirection AbnormalDirection { get; init; }

    /// <summary>
    /// For a block that stops an overlap-free term (set by the loader from <c>competes_with</c>): the variable whose free
    /// group it joins. A free term competes only inside its group, so only a longer phrase of that group can hold it back
    /// ("expansile lytic metastasis": the bone, not the cord, is expanded).
    /// </summary>
    public string? CompetesWith { get; init; }

    /// <summary>For overlap-free terms, the group they compete in (their concept or variables); null otherwise.</summary>
    public string? FreeGroup => OverlapFree ? CompetesWith ?? Concept ?? string.Join(",", Findings.Select(f => f.Variable).Distinct()) : null;
}

/// <summary>
/// The compiled text rules: vocabulary, ConText modifiers and section headers, with their phrase matchers.
/// Built once by <see cref="TextRulesLoader"/>; immutable and thread-safe afterwards.
/// </summary>
public sealed class TextRules
{
    internal TextRules(string version, IReadOnlyList<Term> terms, IReadOnlyList<ContextRule> context, IReadOnlyList<SectionRule> sections,
        IReadOnlyDictionary<string, string> misspellings, PhraseMatcher termMatcher, PhraseMatcher contextMatcher, PhraseMatcher sectionMatcher,
        IReadOnlyDictionary<string, int> wordIds, StemTable stems, KnowledgeBase kb, WordLists words)
    {
        Words = words;
        Version = version; Terms = terms; Context = context; Sections = sections; Misspellings = misspellings;
        TermMatcher = termMatcher; ContextMatcher = contextMatcher; SectionMatcher = sectionMatcher; Knowledge = kb;
        Tokenizer = new Tokenizer(misspellings, wordIds, stems,
            new HashSet<string>(words.AnswerNo.Concat(words.AnswerYes).Concat(words.ResultWords).Concat(words.OwnPolarity).Concat(words.VerdictsAfterDash), StringComparer.Ordinal));
    }

    public string Version { get; }
    public IReadOnlyList<Term> Terms { get; }
    public IReadOnlyList<ContextRule> Context { get; }
    public IReadOnlyList<SectionRule> Sections { get; }
    public IReadOnlyDictionary<string, string> Misspellings { get; }
    public KnowledgeBase Knowledge { get; }
    /// <summary>The closed word lists of knowledge/text/word-lists.yaml.</summary>
    public WordLists Words { get; }
    internal PhraseMatcher TermMatcher { get; }
    internal PhraseMatcher ContextMatcher { get; }
    internal PhraseMatcher SectionMatcher { get; }
    internal Tokenizer Tokenizer { get; }
}
