using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace MyeloDx.Core.Knowledge;

public static partial class KnowledgeLoader
{
    /// <summary>YAML access with coded diagnostics (split from the reader so each file stays readable).</summary>
    private sealed partial class Reader
    {
        private YamlMappingNode? Parse(IReadOnlyDictionary<string, string> files, string name)
        {
            _file = name;
            if (!files.TryGetValue(name, out var text)) { _d.Add(new("MDX-KB001", name, 0, "required knowledge file is missing")); return null; }
            return KnowledgeYaml.ParseMapping(text, name, "MDX-KB", _d);
        }

        private string Origin(YamlNode n) => $"{_file}:{n.Start.Line}";
        private void Err(string code, YamlNode n, string msg) => _d.Add(new(code, _file, (int)n.Start.Line, msg));

        private void Keys(YamlMappingNode m, params string[] allowed)
        {
            foreach (var k in m.Children.Keys)
            {
                var s = (k as YamlScalarNode)?.Value ?? "";
                if (!allowed.Contains(s)) Err("MDX-KB002", k, $"unknown key '{s}' (allowed: {string.Join(", ", allowed)})");
            }
        }

        private static YamlNode? Get(YamlMappingNode m, string key) =>
            m.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

        private string? Str(YamlMappingNode m, string key, bool required = false)
        {
            var v = Get(m, key);
            if (v is YamlScalarNode s && !string.IsNullOrEmpty(s.Value)) return s.Value;
            if (required) Err("MDX-KB003", m, $"missing '{key}'");
            return null;
        }

        private double? Num(YamlMappingNode m, string key)
        {
            var v = Get(m, key);
            if (v is null) { Err("MDX-KB003", m, $"missing '{key}'"); return null; }
            return Number(v);
        }

        private double? Number(YamlNode v)
        {
            if (v is YamlScalarNode s && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)) return x;
            Err("MDX-KB006", v, "expected a number");
            return null;
        }

        private IEnumerable<YamlNode> Seq(YamlMappingNode m, string key)
        {
            var v = Get(m, key);
            if (v is null) return [];
            if (v is YamlSequenceNode s) return s.Children;
            Err("MDX-KB002", v, $"'{key}' must be a list");
            return [];
        }
    }
}
