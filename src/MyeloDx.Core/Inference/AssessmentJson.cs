using System.Text.Json;
using System.Text.Json.Nodes;

namespace MyeloDx.Core.Inference;

/// <summary>The machine-readable assessment (the contract used by the CLI's --format json, batch and the web API).</summary>
public static class AssessmentJson
{
    private static double R(double x, int digits = 6) => Math.Round(x, digits);

    /// <summary>Probabilities rounded so that they still sum to exactly 1 (the remainder goes to the leader).</summary>
    public static JsonArray Differential(Assessment a)
    {
        var arr = new JsonArray();
        var rounded = a.Differential.Select(d => Math.Round(d.Probability, 9)).ToArray();
        rounded[0] += 1 - rounded.Sum();
        for (var i = 0; i < a.Differential.Count; i++)
            arr.Add(new JsonObject { ["id"] = a.Differential[i].Id, ["probability"] = rounded[i] });
        return arr;
    }

    public static JsonObject Full(Assessment a, int evidencePerDiagnosis = 6)
    {
        var diff = Differential(a);
        for (var i = 0; i < a.Differential.Count; i++)
        {
            var d = a.Differential[i];
            var o = (JsonObject)diff[i]!;
            o["name"] = d.Name;
            o["prior"] = R(d.Prior);
            o["supporting"] = Contributions(d.Supporting.Take(evidencePerDiagnosis));
            o["opposing"] = Contributions(d.Opposing.Take(evidencePerDiagnosis));
        }
        var obs = new JsonArray();
        foreach (var o in a.Observations)
        {
            var j = new JsonObject { ["finding"] = o.VariableId, ["origin"] = o.Origin };
            if (o.State is not null) j["value"] = o.State;
            if (o.Value is { } v) j["number"] = R(v, 3);
            if (o.Uncertain) j["uncertain"] = true;
            if (o.Span is { } s) j["span"] = new JsonObject { ["start"] = s.Start, ["length"] = s.Length };
            if (o.Detail is not null) j["detail"] = o.Detail;
            obs.Add(j);
        }
        var comp = new JsonArray();
        foreach (var c in a.Computed)
            comp.Add(new JsonObject { ["id"] = c.Id, ["label"] = c.Label, ["explanation"] = c.Explanation, ["source"] = c.SourceId, ["origin"] = c.Origin });
        var unk = new JsonArray();
        foreach (var u in a.Unknowns)
            unk.Add(new JsonObject { ["finding"] = u.VariableId, ["name"] = u.Name, ["mostTellingValue"] = u.MostTellingState, ["logLikelihoodRatio"] = R(u.LogLikelihoodRatio, 3) });
        return new JsonObject
        {
            ["leading"] = a.Leading.Id,
            ["differential"] = diff,
            ["findings"] = obs,
            ["computedEvidence"] = comp,
            ["unknownsThatMatter"] = unk,
            ["notes"] = new JsonArray(a.Notes.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
            ["priorContext"] = a.PriorContext,
            ["knowledgeVersion"] = a.KnowledgeVersion,
            ["caveat"] = Assessment.Caveat,
        };
    }

    private static JsonArray Contributions(IEnumerable<Contribution> cs)
    {
        var arr = new JsonArray();
        foreach (var c in cs)
        {
            var j = new JsonObject
            {
                ["finding"] = c.VariableId,
                ["label"] = c.Finding,
                ["logLikelihoodRatio"] = R(c.LogLikelihoodRatio, 3),
                ["likelihoodRatio"] = R(c.LikelihoodRatio, 3),
                ["direction"] = c.Direction,
                ["source"] = c.SourceId,
                ["estimate"] = c.Estimate,
                ["origin"] = c.Origin,
            };
            if (c.Span is { } s) j["span"] = new JsonObject { ["start"] = s.Start, ["length"] = s.Length };
            if (c.Detail is not null) j["detail"] = c.Detail;
            arr.Add(j);
        }
        return arr;
    }

    public static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
