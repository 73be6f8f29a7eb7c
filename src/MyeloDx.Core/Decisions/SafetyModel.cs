using System.Globalization;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Decisions;

/// <summary>
/// What the decision rules can see of a case: the knowledge-base findings it states and the safety facts
/// (<see cref="Safety"/>) that are not diagnostic evidence. Built per assessment, immutable.
/// </summary>
public sealed class CaseContext
{
    /// <summary>The safety facts a rule may name (tests.yaml `fact:`), with the values they can take.</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownFacts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["platelets"] = "number",
        ["anticoagulation"] = "none|prophylactic|therapeutic|antiplatelet",
        ["brain_mass_effect"] = "true|false",
        ["raised_icp_signs"] = "true|false",
        ["egfr"] = "number",
        ["gadolinium_allergy"] = "true|false",
        ["iodinated_contrast_allergy"] = "true|false",
    };

    public CaseContext(IReadOnlyDictionary<string, string?> findings, Safety? safety)
    {
        Findings = findings;
        var f = new Dictionary<string, string>(StringComparer.Ordinal);
        if (safety is not null)
        {
            if (safety.PlateletCount is { } p) f["platelets"] = p.ToString(CultureInfo.InvariantCulture);
            if (safety.Anticoagulation is { } a) f["anticoagulation"] = a;
            if (safety.BrainMassEffect is { } m) f["brain_mass_effect"] = m ? "true" : "false";
            if (safety.RaisedIntracranialPressure is { } r) f["raised_icp_signs"] = r ? "true" : "false";
            if (safety.EgfrMlMin is { } e) f["egfr"] = e.ToString(CultureInfo.InvariantCulture);
            if (safety.GadoliniumAllergy is { } g) f["gadolinium_allergy"] = g ? "true" : "false";
            if (safety.IodinatedContrastAllergy is { } i) f["iodinated_contrast_allergy"] = i ? "true" : "false";
        }
        Facts = f;
    }

    /// <summary>Knowledge-base finding id → stated value (null for a continuous finding).</summary>
    public IReadOnlyDictionary<string, string?> Findings { get; }
    public IReadOnlyDictionary<string, string> Facts { get; }
}

/// <summary>How a condition tests a finding or fact.</summary>
public enum ConditionKind { FindingIs, FindingNot, FindingKnown, FactIs, FactBelow, FactKnown, Any, All }

/// <summary>
/// One clause of a rule in tests.yaml: a finding or safety fact in (or not in) a set of values, a fact below a number,
/// something being known at all, or any/all of several clauses. <see cref="FindingNot"/> is true when the finding is
/// unknown or stated as another value: "brain metastases not excluded".
/// </summary>
public sealed record SafetyCondition(ConditionKind Kind, string? Key, IReadOnlyList<string> Values, double? Threshold, IReadOnlyList<SafetyCondition> Parts)
{
    public bool Holds(CaseContext c) => Kind switch
    {
        ConditionKind.FindingIs => c.Findings.TryGetValue(Key!, out var v) && v is not null && Values.Contains(v),
        ConditionKind.FindingNot => !c.Findings.TryGetValue(Key!, out var v) || v is null || !Values.Contains(v),
        ConditionKind.FindingKnown => c.Findings.ContainsKey(Key!),
        ConditionKind.FactIs => c.Facts.TryGetValue(Key!, out var v) && Values.Contains(v),
        ConditionKind.FactBelow => c.Facts.TryGetValue(Key!, out var v)
            && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x < Threshold,
        ConditionKind.FactKnown => c.Facts.ContainsKey(Key!),
        ConditionKind.Any => Parts.Any(p => p.Holds(c)),
        ConditionKind.All => Parts.All(p => p.Holds(c)),
        _ => false,
    };
}

/// <summary>
/// Something that must be known or done before a test: shown as "after …" while unmet. <see cref="AfterTest"/> names the
/// catalogue test that meets it, so the test is never listed ahead of that one.
/// </summary>
public sealed record Precondition(string Id, string Text, SafetyCondition? RequiredWhen, SafetyCondition MetWhen, string? AfterTest, Provenance Provenance);

/// <summary>A state of the patient that forbids the test now; the test is withheld with <see cref="Reason"/>.</summary>
public sealed record Contraindication(SafetyCondition When, string Reason, Provenance Provenance);

/// <summary>Safety rules shared by every test that uses one procedure (a lumbar puncture, gadolinium, a needle biopsy).</summary>
public sealed record ProcedureRules(string Id, string Label, IReadOnlyList<Precondition> Preconditions, IReadOnlyList<Contraindication> Contraindications);

/// <summary>
/// One way of obtaining tissue. Routes are listed least invasive first; the first whose <see cref="When"/> holds is
/// proposed, and a later (more invasive) one is withheld while an earlier one is available.
/// </summary>
public sealed record BiopsyRoute(
    string Id,
    string Name,
    InvasivenessLevel Invasiveness,
    string? Procedure,
    SafetyCondition? When,
    IReadOnlyList<string> After,
    string? Note,
    Provenance Provenance)
{
    /// <summary>When this holds the route is not proposed at all (tests.yaml `withhold_when`), for <see cref="WithholdReason"/>.</summary>
    public SafetyCondition? WithholdWhen { get; init; }
    public string? WithholdReason { get; init; }
    /// <summary>A catalogue test that already is this route (CSF cytology for leptomeningeal disease): the biopsy is then not listed separately.</summary>
    public string? UseTest { get; init; }
}
