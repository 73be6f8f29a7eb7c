using System.Diagnostics;
using System.Text.Json;
using MyeloDx.Core.Services;
using MyeloDx.Core.Knowledge;
using MyeloDx.Text;

namespace MyeloDx.Bench;

/// <summary>
/// A stopwatch profile of the parts of one full assessment document (`dotnet run -c Release -- profile [rounds]`):
/// each part is run over the whole rotation of dev vignettes, several rounds, and the mean per case is printed (wall
/// clock, and CPU time of the process, which a shared machine inflates less) with the bytes allocated per case. Coarser than BenchmarkDotNet but splits the document into its parts (next tests,
/// sensitivity, management, serialisation), which is what deciding where to work needs. Not a test: it asserts nothing.
/// </summary>
internal static class Profile
{
    public static void Run(string[] args)
    {
        var rounds = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 5;
        var root = StageBenchmarks.FindRoot();
        var kb = KnowledgeLoader.Load(Path.Combine(root, "knowledge"));
        var service = AssessmentService.CreateDefault(kb);
        var reader = ClinicalTextReader.Create(service, Path.Combine(root, "knowledge"));
        var notes = File.ReadLines(Path.Combine(root, "tests", "TestData", "dev-text.jsonl")).Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!).ToArray();
        var inputs = notes.Select(t => reader.ToInput(reader.Analyze(t))).ToArray();
        var assessments = inputs.Select(i => service.Assess(i)).ToArray();
        var support = service.Decisions!.Support!;
        var factors = kb.Variables.Values.ToDictionary(v => v.Id, MyeloDx.Core.Decisions.ValueOfInformation.VariableFactor);
        var prepared = inputs.Select((inp, k) => support.Engine.Prepare(inp.Observations, inp.Computed, assessments[k].PriorContext)).ToArray();
        // per case, every test's unknown findings and own results as factors (the skip rules of Rank left out): what the expected gain enumerates
        var testFactors = prepared.Select(ev => support.Tests.Tests.Select(t => t.Reveals.Where(v => ev.Used.All(o => o.VariableId != v))
            .Select(v => factors[v]).Concat(t.OwnResults).ToArray()).Where(f => f.Length > 0).ToArray()).ToArray();
        var parts = new (string Name, Func<int, object?> Run)[]
        {
            ("expected gain of every test (joint results)", k =>
            {
                var p = prepared[k].Posterior; var lead = MyeloDx.Core.Decisions.ValueOfInformation.Top(p, 1)[0];
                var s = 0.0;
                foreach (var f in testFactors[k]) s += MyeloDx.Core.Decisions.ValueOfInformation.ExpectedGain(p, f, lead, evidenceWeight: kb.EvidenceWeight).Gain;
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
        foreach (var (name, run) in parts)
        {
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            for (var r = 0; r < rounds; r++) for (var k = 0; k < inputs.Length; k++) run(k);
            sw.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var per = rounds * inputs.Length;
            Console.WriteLine($"{name,-46} {sw.Elapsed.TotalMicroseconds / per,9:0.0} us wall {cpu.TotalMicroseconds / per,9:0.0} us CPU {(GC.GetAllocatedBytesForCurrentThread() - bytes) / 1024.0 / per,9:0.0} KB  GCs {GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2}");
        }
    }
}
