using MyeloDx.Core.Cases;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;

namespace MyeloDx.Core.Dose;

/// <summary>
/// Turns the radiotherapy history into continuous evidence: the estimated cumulative cord EQD2 at the affected levels
/// (which carries whether the cord lay in a field, near its edge or outside) and the delay from the course to onset.
/// </summary>
/// <remarks>
/// Model (details and reasoning in docs/dose.md). With x the cord EQD2 at the affected levels, for each diagnosis k:
/// L_k(x) = P(outside|k)·h(x) + P(in|k)·g_k(x), where P(in|k) and P(outside|k) are the knowledge base's
/// <c>cord_rt_exposure</c> probabilities, h is the density of scattered dose outside a field, g the density of cord
/// dose among irradiated patients; for radiation myelopathy g is weighted by the dose-response curve at the effective
/// dose, relative to its background mean (<see cref="DoseResponseEvidence"/>). The latency evidence is P(t | x, k): the mixture weights above applied to the radiation
/// myelopathy latency (radiation myelopathy) or to a broad background delay (everything else).
/// The evidence supersedes the categorical <c>cord_rt_exposure</c> and <c>rt_latency_months</c> observations.
/// When a field cannot be placed the provider says nothing and the deriver's categorical fallback counts instead.
/// </remarks>
public sealed class RadiotherapyEvidenceProvider : IEvidenceProvider
{
    public const string RadiationMyelopathy = "radiation_myelopathy";
    public const string CordDoseId = "cord_dose_at_lesion";
    public const string LatencyId = "rt_latency";
    public const string LatencyVariable = "rt_latency_months";

    private readonly Lazy<RadiotherapyKnowledge> _knowledge;
    // One dose-response curve per knowledge: its mean over the background doses (an integral of about a hundred
    // smoothed risks) depends on radiotherapy.yaml only, and was recomputed for every irradiated case.
    private readonly Lazy<DoseResponseEvidence> _response;

    public RadiotherapyEvidenceProvider(RadiotherapyKnowledge knowledge)
    {
        _knowledge = new(knowledge);
        _response = new(() => new DoseResponseEvidence(Knowledge), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Loads radiotherapy.yaml from the knowledge folder on first use (a broken file fails then, as a knowledge error).</summary>
    public RadiotherapyEvidenceProvider(Func<RadiotherapyKnowledge> load)
    {
        _knowledge = new(load, LazyThreadSafetyMode.ExecutionAndPublication);
        _response = new(() => new DoseResponseEvidence(Knowledge), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public RadiotherapyKnowledge Knowledge => _knowledge.Value;

    public IEnumerable<ComputedEvidence> Evidence(Case c, KnowledgeBase kb)
    {
        if (c.Treatments?.Radiotherapy is not { Count: > 0 }) return [];
        var k = Knowledge;
        var ev = k.Evidence;
        if (!kb.DiagnosisIndex.TryGetValue(RadiationMyelopathy, out var rm)) return [];
        if (!kb.Variables.TryGetValue(ev.ExposureVariable, out var exposure)) return [];
        var pIn = exposure.State("in_field")?.Likelihood;
        var pOut = exposure.State("outside_field")?.Likelihood;
        if (pIn is null || pOut is null) return [];

        var analysis = new CordDoseModel(k).Analyze(c, AlphaBetaGy.From(ev.AlphaBeta.Value));
        var reaching = analysis.Reaching.ToArray();
        // Nothing reaches the cord and some field cannot be placed: the model cannot say; leave it to the fallback.
        if (reaching.Length == 0 && !analysis.AllGeometryKnown) return [];

        var nd = kb.Diagnoses.Count;
        var supersedes = new List<string> { ev.ExposureVariable };
        if (kb.Variables.ContainsKey(LatencyVariable)) supersedes.Add(LatencyVariable);
        var doseKnown = reaching.All(r => r.DoseKnown);
        var latency = new LatencyModelEvaluator(k);
        var result = new List<ComputedEvidence>(2);

        // weights of the "outside" and "in field" components per diagnosis (for the latency evidence)
        var wIn = new double[nd];
        var lDose = new double[nd];
        // The label and explanation are worded only when read (batch never prints them): the lambdas only format what
        // is computed here and never change it.
        Func<(string, string)> wording;
        if (doseKnown)
        {
            var x = analysis.CumulativeEqd2.Value;
            var h = ev.OutsideFieldDose.Evaluate(x);
            var response = _response.Value;
            var effective = response.Effective(c, analysis);
            var lr = response.LikelihoodRatio(effective.Eqd2Gy);
            for (var i = 0; i < nd; i++)
            {
                // radiation myelopathy: the background dose weighted by the dose-response curve (DoseResponseEvidence)
                var g = ev.InFieldBackgroundDose.Evaluate(x) * (i == rm ? lr : 1);
                var inPart = pIn[i] * g;
                var outPart = pOut[i] * h;
                lDose[i] = inPart + outPart;
                wIn[i] = lDose[i] > 0 ? inPart / lDose[i] : 0;
            }
            wording = () =>
            {
                var (label, explanation) = DoseText(analysis, k, x);
                if (reaching.Length > 0)
                    explanation += $" Dose-response: effective cumulative cord EQD2 {CordDoseModel.F(effective.Eqd2Gy)} Gy (α/β {CordDoseModel.F(k.Conventional.AlphaBeta.Value)})" +
                                   (effective.Modifiers.Count > 0 ? $" after {string.Join("; ", effective.Modifiers)}" : "") +
                                   $"; on the dose-response curve, allowing for the uncertainty of a cord dose, this makes radiation myelopathy {lr.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} times as likely as an in-field course of unstated dose would.";
                return (label, explanation);
            };
        }
        else
        {
            for (var i = 0; i < nd; i++) { lDose[i] = pIn[i]; wIn[i] = 1; }
            wording = () =>
            {
                var unknown = reaching.Where(r => !r.DoseKnown).Select(r => r.Label);
                var label = $"Affected cord {(analysis.OnlyPossiblyReached ? "possibly " : "")}inside a radiotherapy field ({analysis.LesionDescription}); cord dose not known";
                var explanation = $"{string.Join("; ", reaching.Select(r => $"{r.Label}: {r.Position.Reason}"))}. The dose of {string.Join(", ", unknown)} is not stated, so only the geometry counts, not the dose.";
                return (label, explanation);
            };
        }
        // Only possibly in a field: half weight, the engine's convention for uncertain findings.
        var weight = analysis.OnlyPossiblyReached ? DiagnosticEngine.UncertainWeight : 1.0;
        if (weight != 1.0)
            for (var i = 0; i < nd; i++) lDose[i] = Math.Pow(lDose[i], weight);
        result.Add(new ComputedEvidence(CordDoseId, wording, lDose, DoseSource(k), "treatments.radiotherapy") { Supersedes = supersedes });

        // latency from the latest course that reached the affected cord
        if (analysis.LatencyCourse is { MonthsBeforeOnset: { } t } course)
        {
            var setting = LatencyModelEvaluator.SettingOf(analysis, course, ev.MeaningfulCordEqd2.Value);
            var qRm = latency.RadiationMyelopathy(t, setting);
            var u = latency.Background(t);
            var lLat = new double[nd];
            for (var i = 0; i < nd; i++)
            {
                var q = i == rm ? qRm : u;
                lLat[i] = Math.Pow(wIn[i] * q + (1 - wIn[i]) * u, weight);
            }
            var where = course.Position.Field?.ShortName;
            result.Add(new ComputedEvidence(LatencyId,
                () => ($"Onset {LatencyModelEvaluator.F(t)} months after the {(where is null ? "" : where + " ")}course",
                       $"{Cap(course.Label)} ended {LatencyModelEvaluator.F(t)} months before onset: {latency.Describe(t, setting)}."),
                lLat,
                latency.Delayed(setting).Provenance.SourceId, $"treatments.radiotherapy[{course.Index}].monthsBeforeOnset") { Supersedes = supersedes });
        }
        return result;
    }

    private static (string Label, string Explanation) DoseText(CordDoseAnalysis a, RadiotherapyKnowledge k, double x)
    {
        var ab = CordDoseModel.F(a.AlphaBeta.Value);
        var dose = x < 0.5 ? "≈ 0 Gy" : $"≈ {CordDoseModel.F(x)} Gy";
        var reaching = a.Reaching.ToArray();
        string where;
        if (reaching.Length == 0)
        {
            var fields = a.Courses.Select(c => c.Position.Field?.Describe()).Where(f => f is not null).Distinct().ToArray();
            where = "outside " + (fields.Length > 0 ? Join(fields!) : "every field");
        }
        else
        {
            var parts = reaching.Select(r => r.Position.Relation switch
            {
                FieldRelation.InField => "inside ",
                FieldRelation.Possible => "possibly inside ",
                _ => "near the edge of ",
            } + (r.Position.Field?.Describe() ?? "the field")).Distinct().ToArray();
            where = Join(parts);
        }
        var courses = a.Courses.Count > 1 ? $" over {a.Courses.Count} courses" : "";
        var label = $"Cord EQD2 at {a.LesionDescription}{courses} {dose} (α/β {ab}): {where}";

        var sentences = new List<string>();
        foreach (var c in a.Courses)
        {
            var s = $"{Cap(c.Label)}: {c.Position.Reason}";
            if (c.FractionationAssumption is { } fa) s += $"; {fa}";
            if (c.CordEqd2 is { } e) s += $"; cord EQD2 there {(e.Value < 0.5 ? "≈ 0" : CordDoseModel.F(e.Value))} Gy";
            if (c.MonthsBeforeOnset is { } m) s += $", {CordDoseModel.F(m)} months before onset";
            sentences.Add(s);
        }
        if (reaching.Length == 0)
            sentences.Add($"Radiation myelopathy needs the damaged segment inside a field that gave it a meaningful dose; published cases always report such a course ({DoseCitation(k)})");
        else
        {
            var risk = new CordRisk(k).Conventional(a.Courses.Where(c => c.CordDose is not null).ToArray());
            sentences.Add(Cap(risk.Summary));
            if (reaching.Any(r => !r.UsesStatedCordDose && r.AssumedCordLimit is null && r.Position.Relation is FieldRelation.InField or FieldRelation.Possible))
                sentences.Add("The cord dose is taken as the prescription (worst case) where the plan does not state it");
            if (reaching.Any(r => r.AssumedCordLimit is not null))
                sentences.Add("Where a stereotactic plan does not state the cord dose, the cord maximum is taken at the published limit such plans respect, not at the prescription to the vertebra");
            if (a.OnlyPossiblyReached)
                sentences.Add("Whether the field included the affected cord is uncertain, so this evidence counts with half weight");
        }
        return (label, string.Join(". ", sentences) + ".");
    }

    /// <summary>The source cited for the cord-dose evidence: the QUANTEC cord review behind the dose-response anchors.</summary>
    private static string DoseSource(RadiotherapyKnowledge k) =>
        k.Conventional.Anchors.Select(a => a.Provenance.SourceId).FirstOrDefault(s => s is not null) ?? k.Conventional.Td50.Provenance.SourceId ?? "Kirkpatrick2010";

    private static string DoseCitation(RadiotherapyKnowledge k) =>
        k.Conventional.Anchors.Select(a => a.Provenance).FirstOrDefault(p => p.SourceId is not null)?.Cite ?? k.Conventional.Td50.Provenance.Cite;

    private static string Join(IReadOnlyList<string> parts) =>
        parts.Count <= 1 ? string.Concat(parts) : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1];

    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
