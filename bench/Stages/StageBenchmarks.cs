using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;
using MyeloDx.Reports;
using MyeloDx.Reports.Writers;
using MyeloDx.Text;

namespace MyeloDx.Bench;

/// <summary>
/// One assessment split into its stages, each measured on the same rotation of dev vignettes
/// (tests/TestData/dev-text.jsonl) with allocations. Every stage but the first starts from the previous stage's
/// output prepared in setup, so a row is the cost of that stage alone.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class StageBenchmarks
{
    private string[] _notes = [];
    private AssessmentService _service = null!;
    private ClinicalTextReader _reader = null!;
    private TextAnalysis[] _analyses = [];
    private CaseInput[] _inputs = [];
    private Assessment[] _assessments = [];
    private MyeloDx.Core.Contract.AssessmentDocument[] _json = [];
    private ReportBuilder _reports = null!;
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        var root = FindRoot();
        var kb = KnowledgeLoader.Load(Path.Combine(root, "knowledge"));
        _service = AssessmentService.CreateDefault(kb);
        _reader = ClinicalTextReader.Create(_service, Path.Combine(root, "knowledge"));
        _notes = File.ReadLines(Path.Combine(root, "tests", "TestData", "dev-text.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!)
            .ToArray();
        _analyses = _notes.Select(_reader.Analyze).ToArray();
        _inputs = _analyses.Select(_reader.ToInput).ToArray();
        _assessments = _inputs.Select(i => _service.Assess(i)).ToArray();
        _json = _inputs.Select((inp, k) => _service.Document(inp, _assessments[k])).ToArray();
        _reports = new ReportBuilder(TimeProvider.System);
    }

    private int Next() => _i = (_i + 1) % _notes.Length;

    [Benchmark(Description = "read text (sections, vocabulary, context, numbers)")]
    public TextAnalysis ReadText() => _reader.Analyze(_notes[Next()]);

    [Benchmark(Description = "assemble case from the reading")]
    public CaseInput AssembleCase() => _reader.ToInput(_analyses[Next()]);

    [Benchmark(Description = "infer (posterior only)")]
    public Assessment Infer() => _service.Rank(_inputs[Next()]);

    [Benchmark(Description = "infer with explanations")]
    public Assessment Explain() => _service.Assess(_inputs[Next()]);

    [Benchmark(Description = "full JSON: scores, dose, next tests (value of information), sensitivity, management")]
    public MyeloDx.Core.Contract.AssessmentDocument Augment()
    {
        var k = Next();
        return _service.Document(_inputs[k], _assessments[k]);
    }

    [Benchmark(Description = "serialise the full JSON")]
    public string Serialise() => MyeloDx.Core.Contract.ContractJson.Write(_json[Next()]);

    [Benchmark(Description = "full document written as UTF-8 (web path: typed document, source-generated, no JSON tree)")]
    public byte[] FullUtf8()
    {
        var k = Next();
        return JsonSerializer.SerializeToUtf8Bytes(_service.Document(_inputs[k], _assessments[k]), MyeloDx.Core.Contract.ContractJson.Compact.AssessmentDocument);
    }

    [Benchmark(Description = "decision sections only (CDS Hooks cards; include=nextTests)")]
    public MyeloDx.Core.Contract.AssessmentDocument DecisionsOnly()
    {
        var k = Next();
        return _service.Document(_inputs[k], _assessments[k], null, AssessmentDetail.Decisions);
    }

    [Benchmark(Description = "clinician summary as HTML")]
    public string SummaryHtml()
    {
        var k = Next();
        var doc = _reports.Build(ReportKind.ClinicianSummary, new ReportInput(_inputs[k], _assessments[k], _service.Knowledge, _json[k]));
        return HtmlWriter.Write(doc);
    }

    internal static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "MyeloDx.slnx"))) return d.FullName;
        throw new DirectoryNotFoundException("run from inside the repository (MyeloDx.slnx not found above the program)");
    }
}
