using System.Text.Json;
using System.Text.RegularExpressions;

namespace MyeloDx.Text.Tests.Gold;

/// <summary>
/// The assertion corpus (tests/TestData/text-gold/context.jsonl) that bench/negex-compare.py scores `myelodx context`
/// and NegEx on: every line is well formed, its target occurs in its text (case and runs of whitespace aside), ids
/// are unique, and each assertion kind has enough examples to measure.
/// </summary>
public sealed class ContextCorpusTests
{
    [Fact]
    public void Every_line_is_well_formed_and_each_kind_is_represented()
    {
        var path = Path.Combine(TextFixture.RepoRoot(), "tests", "TestData", "text-gold", "context.jsonl");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int n = 0, negated = 0, uncertain = 0, historical = 0, hypothetical = 0, other = 0;
        foreach (var line in File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            using var d = JsonDocument.Parse(line);
            var r = d.RootElement;
            var id = r.GetProperty("id").GetString()!;
            Assert.True(ids.Add(id), $"duplicate id {id}");
            var text = r.GetProperty("text").GetString()!;
            var target = r.GetProperty("target").GetString()!;
            var pattern = string.Join(@"\s+", target.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape));
            Assert.True(Regex.IsMatch(text, pattern, RegexOptions.IgnoreCase), $"{id}: target '{target}' not in the text");
            bool B(string name) => r.GetProperty(name).GetBoolean();
            n++;
            if (B("negated")) negated++;
            if (B("uncertain")) uncertain++;
            if (B("historical")) historical++;
            if (B("hypothetical")) hypothetical++;
            var exp = r.GetProperty("experiencer").GetString();
            Assert.True(exp is "patient" or "other", $"{id}: experiencer '{exp}'");
            if (exp == "other") other++;
        }
        Assert.True(n >= 300, $"only {n} lines");
        Assert.True(negated >= 100 && n - negated >= 100, $"negated {negated} of {n}: both classes need 100");
        Assert.True(uncertain >= 30 && historical >= 20 && hypothetical >= 20 && other >= 15,
            $"uncertain {uncertain}, historical {historical}, hypothetical {hypothetical}, other {other}");
    }
}
