using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;
using MyeloDx.Text;

// The text reader outside the CLI, for two jobs (bench/text-profile.sh):
//   dump FILE         every note's full reading (mentions with flags and findings, numbers, case, spans, observations)
//                     as one line each, so a change to the reader's mechanisms can be checked byte for byte (cmp).
//   loop FILE SECONDS reads the notes round and round (read, assemble, rank) for a sampling profiler such as
//                     dotnet-trace; prints notes/s and bytes allocated per note (a guide, not the benchmark).
if (args.Length < 2) { Console.Error.WriteLine("usage: TextProfile dump|loop FILE [SECONDS]"); return 2; }
var root = FindRoot();
var knowledge = Environment.GetEnvironmentVariable("MYELODX_KNOWLEDGE") ?? Path.Combine(root, "knowledge");
var svc = AssessmentService.CreateDefault(KnowledgeLoader.Load(knowledge));
var reader = ClinicalTextReader.Create(svc, knowledge);
var notes = File.ReadLines(args[1]).Where(l => l.Trim().Length > 0).Select(Note).OfType<string>().ToArray();
if (args[0] == "dump")
{
    using var o = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
    foreach (var n in notes) o.WriteLine(Dump(n));
    return 0;
}
var seconds = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20;
var sw = Stopwatch.StartNew(); long count = 0; var bytes0 = GC.GetTotalAllocatedBytes(true);
var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
while (sw.Elapsed.TotalSeconds < seconds)
    foreach (var n in notes)
    {
        try
        {
            var a = reader.Analyze(n);
            if (a.RecognisedAnything) svc.Rank(reader.ToInput(a));
        }
        catch (MyeloDx.Core.Errors.InputException) { } // as the batch does: the line gets an error and the loop goes on
        count++;
    }
var alloc = GC.GetTotalAllocatedBytes(true) - bytes0;
// CPU time as well as wall time: on a shared machine the wall rate measures the load
var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
Console.WriteLine($"{count} notes in {sw.Elapsed.TotalSeconds:0.0} s: {count / sw.Elapsed.TotalSeconds:0} notes/s wall, {count / cpu:0} per CPU second, {alloc / count / 1024.0:0.0} KB allocated per note");
return 0;

static string? Note(string line)
{
    try { using var d = JsonDocument.Parse(line); return d.RootElement.ValueKind == JsonValueKind.Object && d.RootElement.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null; }
    catch (JsonException) { return null; }
}

string Dump(string text)
{
    var b = new StringBuilder();
    try
    {
        var a = reader.Analyze(text);
        foreach (var s in a.Sentences) b.Append($"S {s.Index} {s.TokenFrom}-{s.TokenTo} {s.Section.Category}|{s.Section.Topic};");
        foreach (var m in a.Mentions)
        {
            b.Append($"M {m.Term.Id} s{m.Sentence} t{m.TokenStart}-{m.TokenEnd} c{m.Span.Start}+{m.Span.Length} {m.Flags} u{m.Uncertain} d{m.DroppedBecause} [");
            foreach (var h in m.Modifiers) b.Append($"{h.Rule.Id}:{h.TokenStart}-{h.TokenEnd}>{h.ScopeStart}-{h.ScopeEnd}'{h.Trigger}' ");
            b.Append("] {").AppendJoin(",", m.Findings).Append("};");
        }
        foreach (var nm in a.Numbers) b.Append($"N {nm.Kind}={nm.Value}@{nm.Span.Start}+{nm.Span.Length};");
        foreach (var kv in a.FieldSpans.OrderBy(k => k.Key, StringComparer.Ordinal)) b.Append($"F {kv.Key}@{kv.Value.Start}+{kv.Value.Length};");
        foreach (var (s, e, c) in a.ModifierSpans) b.Append($"X {s}-{e} {c};");
        b.Append(" C ").Append(CaseJson.Write(a.Case).ReplaceLineEndings(" ")).Append($" R {a.RecognisedAnything}");
        var input = reader.ToInput(a);
        foreach (var ob in input.Observations) b.Append($" O {ob.VariableId}={ob.State}|{ob.Value}|{ob.Uncertain}|{ob.Span?.Start}+{ob.Span?.Length}|{ob.Origin}|{ob.Detail}");
    }
    catch (Exception e) { b.Append("E ").Append(e.GetType().Name).Append(' ').Append(e.Message); }
    return b.ToString();
}

static string FindRoot()
{
    for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        if (File.Exists(Path.Combine(d.FullName, "MyeloDx.slnx"))) return d.FullName;
    throw new DirectoryNotFoundException("run from inside the repository (MyeloDx.slnx not found above the program)");
}
