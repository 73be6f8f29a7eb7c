using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MyeloDx.Core.Knowledge;

/// <summary>
/// The one place that parses a knowledge file's YAML. Every loader (findings, radiotherapy, tests and management, text
/// rules) gets the same located errors: a syntax error at its line, or a file whose top level is not a mapping.
/// </summary>
public static class KnowledgeYaml
{
    /// <param name="codePrefix">The loader's error-code family, e.g. "MDX-KB": errors are reported as {prefix}002.</param>
    public static YamlMappingNode? ParseMapping(string text, string file, string codePrefix, ICollection<KnowledgeDiagnostic> diagnostics)
    {
        try
        {
            var ys = new YamlStream();
            ys.Load(new StringReader(text));
            if (ys.Documents.Count > 0 && ys.Documents[0].RootNode is YamlMappingNode root) return root;
            diagnostics.Add(new(codePrefix + "002", file, 1, "the file must be a YAML mapping"));
        }
        catch (YamlException e)
        {
            diagnostics.Add(new(codePrefix + "002", file, (int)e.Start.Line, "YAML syntax: " + e.Message));
        }
        return null;
    }
}
