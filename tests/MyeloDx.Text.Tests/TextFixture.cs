using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;
using MyeloDx.Text;

namespace MyeloDx.Text.Tests;

/// <summary>The real knowledge base and text rules, loaded once for all tests (the reader is immutable and thread-safe).</summary>
public static class TextFixture
{
    private static readonly Lazy<(AssessmentService Service, ClinicalTextReader Reader)> Lazy = new(() =>
    {
        var folder = KnowledgeFolder();
        var kb = KnowledgeLoader.Load(folder);
        var svc = AssessmentService.CreateDefault(kb);
        return (svc, ClinicalTextReader.Create(svc, folder));
    });

    public static AssessmentService Service => Lazy.Value.Service;
    public static ClinicalTextReader Reader => Lazy.Value.Reader;
    public static KnowledgeBase Knowledge => Service.Knowledge;

    public static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "MyeloDx.slnx"))) return d.FullName;
        throw new InvalidOperationException("repository root not found");
    }

    public static string KnowledgeFolder() => Path.Combine(RepoRoot(), "knowledge");

    /// <summary>Observations stated by the text (with a span), as "variable=state" or "variable=number", "?" marking uncertain.</summary>
    public static IReadOnlyList<string> Stated(string text)
    {
        var a = Reader.Analyze(text);
        var input = Reader.ToInput(a);
        return input.Observations.Where(o => o.Span is not null).Select(Format).Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    public static string Format(Observation o) =>
        o.VariableId + "=" + (o.State ?? o.Value!.Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)) + (o.Uncertain ? "?" : "");

    public static Assessment Assess(string text) => Service.Assess(Reader.Read(text));

    /// <summary>Every phrase of knowledge/text/vocabulary.yaml, in file order (for tests that match phrases one by one).</summary>
    public static List<string> VocabularyPhrases(string root)
    {
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(root, "knowledge", "text", "vocabulary.yaml"))));
        var vroot = (YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode;
        var phrases = new List<string>();
        foreach (var term in (YamlDotNet.RepresentationModel.YamlSequenceNode)vroot.Children[new YamlDotNet.RepresentationModel.YamlScalarNode("terms")])
            if (term is YamlDotNet.RepresentationModel.YamlMappingNode m && m.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("phrases"), out var ps)
                && ps is YamlDotNet.RepresentationModel.YamlSequenceNode seq)
                phrases.AddRange(seq.OfType<YamlDotNet.RepresentationModel.YamlScalarNode>().Select(p => p.Value!).Where(p => p.Length > 0));
        return phrases;
    }
}
