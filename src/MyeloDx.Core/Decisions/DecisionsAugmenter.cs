using System.Text.Json.Nodes;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;

namespace MyeloDx.Core.Decisions;

/// <summary>
/// Adds <c>nextTests</c> (ranked by expected information gain), <c>deferredTests</c>, <c>diagnosticUncertaintyBits</c>,
/// <c>management</c> and <c>sensitivity</c> to the JSON assessment, for the CLI, the web API and the reports alike.
/// The parameterless constructor loads knowledge/ (tests.yaml, management.yaml) lazily from the default folder; when
/// the folder has no such files the sections say so, and when the files are invalid loading fails loudly
/// (<see cref="KnowledgeException"/>, exit code 3 in the CLI).
/// </summary>
public sealed class DecisionsAugmenter : IAssessmentAugmenter
{
    private readonly Lazy<DecisionSupport?> _support;

    public DecisionsAugmenter(string folder) : this(() =>
    {
        string[] needed = [KnowledgeLoader.DiagnosesFile, DecisionKnowledgeLoader.TestsFile, DecisionKnowledgeLoader.ManagementFile];
        if (!needed.All(f => File.Exists(Path.Combine(folder, f)))) return null;
        return DecisionSupport.Load(folder, KnowledgeLoader.Load(folder));
    })
    { }

    public DecisionsAugmenter(DecisionSupport support) : this(() => support) { }

    private DecisionsAugmenter(Func<DecisionSupport?> factory) => _support = new Lazy<DecisionSupport?>(factory, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Re-inserts every property after <paramref name="key"/>, so the urgent first action is the first thing a reader meets.</summary>
    private static void PutFirst(JsonObject json, string key, JsonNode value)
    {
        var rest = json.ToList();
        json.Clear();
        json[key] = value;
        foreach (var (k, v) in rest) if (k != key) json[k] = v;
    }

    public void Augment(CaseInput input, Assessment assessment, JsonObject json)
    {
        var s = _support.Value;
        if (s is null)
        {
            json["nextTests"] = new JsonArray();
            json["management"] = new JsonObject { ["note"] = "next tests and management are unavailable: knowledge/tests.yaml or management.yaml not found" };
            return;
        }
        if (!s.Matches(input, assessment))
        {
            json["nextTests"] = new JsonArray();
            json["management"] = new JsonObject { ["note"] = $"next tests and management need knowledge version {s.Knowledge.Version}; this assessment used {assessment.KnowledgeVersion}" };
            return;
        }
        var r = s.Recommend(input, assessment);
        json["diagnosticUncertaintyBits"] = Math.Round(r.EntropyBits, 4);
        json["nextTests"] = RecommendationsJson.NextTests(r, s.Knowledge);
        json["withheldTests"] = RecommendationsJson.Withheld(r);
        json["management"] = RecommendationsJson.Management(r, s.Knowledge);
        json["references"] = RecommendationsJson.References(r);
        json["sensitivity"] = DecisionsJson.Sensitivity(s.Sensitivity(input, assessment.PriorContext));
        if (RecommendationsJson.FirstAction(r) is { } first) PutFirst(json, "firstAction", first);
    }
}
