using System.Text.Json;
using System.Text.RegularExpressions;
using MyeloDx.Text.Context;

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

    // NegEx's negation accuracy on this corpus (bench/negex-compare.py, 311 lines); re-measure it if the corpus changes
    private const double NegexNegationAccuracy = 0.949;
    // the engine's figures when the corpus was written, minus 0.02, rounded down
    private const double MinUncertain = 0.87, MinHistorical = 0.93, MinHypothetical = 0.93, MinExperiencer = 0.95;

    [Fact]
    public void The_context_engine_negates_at_least_as_well_as_NegEx_and_keeps_its_other_figures()
    {
        var service = new ContextService(TextFixture.Reader.Rules);
        var path = Path.Combine(TextFixture.RepoRoot(), "tests", "TestData", "text-gold", "context.jsonl");
        int n = 0, neg = 0, unc = 0, hist = 0, hyp = 0, exp = 0;
        var wrong = new List<string>();
        foreach (var line in File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            using var d = JsonDocument.Parse(line);
            var r = d.RootElement;
            var got = service.Classify(r.GetProperty("text").GetString()!, r.GetProperty("target").GetString()!);
            Assert.NotNull(got);
            n++;
            if (got.Negated == r.GetProperty("negated").GetBoolean()) neg++; else wrong.Add(r.GetProperty("id").GetString()!);
            if (got.Uncertain == r.GetProperty("uncertain").GetBoolean()) unc++;
            if (got.Historical == r.GetProperty("historical").GetBoolean()) hist++;
            if (got.Hypothetical == r.GetProperty("hypothetical").GetBoolean()) hyp++;
            if (got.OtherExperiencer == (r.GetProperty("experiencer").GetString() == "other")) exp++;
        }
        Assert.True((double)neg / n >= NegexNegationAccuracy, $"negation {(double)neg / n:0.000} is below NegEx's {NegexNegationAccuracy}; wrong: {string.Join(", ", wrong)}");
        Assert.True((double)unc / n >= MinUncertain, $"uncertainty {(double)unc / n:0.000}");
        Assert.True((double)hist / n >= MinHistorical, $"history {(double)hist / n:0.000}");
        Assert.True((double)hyp / n >= MinHypothetical, $"hypothetical {(double)hyp / n:0.000}");
        Assert.True((double)exp / n >= MinExperiencer, $"experiencer {(double)exp / n:0.000}");
    }
}
