using System.Diagnostics;
using System.Text.Json;
using MyeloDx.Core.Services;
using MyeloDx.Core.Knowledge;
using MyeloDx.Text;

namespace MyeloDx.Bench;

/// <summary>
/// A stopwatch profile of the parts of one full assessment document (`dotnet run -c Release -- profile [rounds]`):
/// each round runs every part over the whole rotation of dev vignettes, and per part the best and the median round's
/// time per case are printed with the bytes allocated per case. Coarser than BenchmarkDotNet but splits the document into its parts (next tests,
/// sensitivity, management, serialisation), which is what deciding where to work needs. Not a test: it asserts nothing.
/// </summary>
internal static class Profile
{
    public static void Run(string[] args)
    {
        var rounds = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 15;
        var root = StageBenchmarks.FindRoot();
        var kb = KnowledgeLoader.Load(Path.Combine(root, "knowledge"));
        var service = AssessmentService.CreateDefault(kb);
        var reader = ClinicalTextReader.Create(service, Path.Combine(root, "knowledge"));
        var notes = File.ReadLines(Path.Combine(root, "tests", "TestData", "dev-text.jsonl")).Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!).ToArray();
        var inputs = notes.Select(t => reader.ToInput(reader.Analyze(t))).ToArray();
        var assessments = inputs.Select(i => service.Assess(i)).ToArray();
        var support = service.Decisions!.Support!;
        var factors = kb.Variables.Values.ToDictionary(v => v.Id, v => new MyeloDx.Core.Decisions.GainFactor(MyeloDx.Core.Decisions.ValueOfInformation.VariableFactor(v)));
        var own = support.Tests.Tests.SelectMany(t => t.OwnResults).Distinct().ToDictionary(f => f, f => new MyeloDx.Core.Decisions.GainFactor(f));
        var prepared = inputs.Select((inp, k) => support.Engine.Prepare(inp.Observations, inp.Computed, assessments[k].PriorContext)).ToArray();
        // per case, every test's unknown findings and own results as factors (the skip rules of Rank left out): what the expected gain enumerates
        var testFactors = prepared.Select(ev => support.Tests.Tests.Select(t => t.Reveals.Where(v => ev.Used.All(o => o.VariableId != v))
            .Select(v => factors[v]).Concat(t.OwnResults.Select(f => own[f])).ToArray()).Where(f => f.Length > 0).ToArray()).ToArray();
        var parts = new (string Name, Func<int, object?> Run)[]
        {
            ("expected gain of every test (joint results)", k =>
            {
                var p = prepared[k].Posterior; var lead = MyeloDx.Core.Decisions.ValueOfInformation.Top(p, 1)[0];
                var s = 0.0;
                foreach (var f in testFactors[k]) s += MyeloDx.Core.Decisions.InformationGain.Expected(p, f, lead,
                    MyeloDx.Core.Decisions.ValueOfInformation.MaxJointResults, kb.EvidenceWeight, 1e-12).Gain;
                return s;
            }),
            ("infer with explanations", k => service.Assess(inputs[k])),
            ("next tests (value of information, Voi.Rank)", k => support.NextTests(inputs[k], assessments[k].PriorContext)),
            ("sensitivity", k => support.Sensitivity(inputs[k], assessments[k].PriorContext)),
            ("management plan", k => support.Plan(assessments[k])),
            ("recommendations (next tests + plan + order)", k => support.Recommend(inputs[k], assessments[k])),
            ("document, decision sections only", k => service.Document(inputs[k], assessments[k], null, AssessmentDetail.Decisions)),
            ("document, everything", k => service.Document(inputs[k], assessments[k])),
            ("document, everything, as UTF-8", k => JsonSerializer.SerializeToUtf8Bytes(service.Document(inputs[k], assessments[k]),
                MyeloDx.Core.Contract.ContractJson.Compact.AssessmentDocument)),
        };
        Console.WriteLine($"{inputs.Length} dev vignettes x {rounds} rounds; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        var info = MyeloDx.Core.Contract.ContractJson.Compact.AssessmentDocument;
        var sizes = inputs.Select((inp, k) => JsonSerializer.SerializeToUtf8Bytes(service.Document(inp, assessments[k]), info).Length).ToArray();
        Console.WriteLine($"full document: {sizes.Average() / 1024:0.0} KB of JSON on average (max {sizes.Max() / 1024.0:0.0} KB); source-generated fast path: {info.SerializeHandler is not null}");
        // warm-up: every part over every case, several times, so that the timed rounds run fully optimised (tiered JIT)
        for (var w = 0; w < 3; w++) foreach (var (_, run) in parts) for (var k = 0; k < inputs.Length; k++) run(k);
        Thread.Sleep(500);
        // Rounds interleave the parts, and each part's figure is its best round and its median round: on a shared machine
        // a round that another process interrupted is slower, never faster, so the best round is the least disturbed.
        var wall = new double[parts.Length][];
        var kb0 = new double[parts.Length];
        for (var j = 0; j < parts.Length; j++) wall[j] = new double[rounds];
        for (var r = 0; r < rounds; r++)
            for (var j = 0; j < parts.Length; j++)
            {
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var sw = Stopwatch.StartNew();
                for (var k = 0; k < inputs.Length; k++) parts[j].Run(k);
                wall[j][r] = sw.Elapsed.TotalMicroseconds / inputs.Length;
                kb0[j] = (GC.GetAllocatedBytesForCurrentThread() - bytes) / 1024.0 / inputs.Length;
            }
        Console.WriteLine($"{"part (per case)",-46} {"best",9} {"median",9} {"allocated",10}");
        for (var j = 0; j < parts.Length; j++)
        {
            var sorted = wall[j].Order().ToArray();
            Console.WriteLine($"{parts[j].Name,-46} {sorted[0],6:0.0} us {sorted[sorted.Length / 2],6:0.0} us {kb0[j],7:0.0} KB");
        }
        Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
    }
}
