namespace MyeloDx.Text.Tests;

/// <summary>Runs every row of Specs/extraction.md: the text must yield exactly the listed findings.</summary>
public sealed class ExtractionSpecTests
{
    public sealed record Example(int Line, string Section, string Text, string Expected)
    {
        public override string ToString() => $"line {Line}: {Text}";
    }

    public static readonly IReadOnlyList<Example> Examples = Load();

    private static IReadOnlyList<Example> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Specs", "extraction.md");
        var list = new List<Example>();
        var section = "";
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var l = lines[i].Trim();
            if (l.StartsWith("## ", StringComparison.Ordinal)) { section = l[3..]; continue; }
            if (!l.StartsWith('|') || l.StartsWith("|---", StringComparison.Ordinal) || l.StartsWith("| Text |", StringComparison.Ordinal)) continue;
            // "\|" is a bar inside a cell (Markdown's escape): a note's own table
            var cells = l.Trim('|').Replace("\\|", "\u0001", StringComparison.Ordinal).Split('|');
            if (cells.Length != 2) throw new InvalidDataException($"extraction.md line {i + 1}: expected two cells");
            // a table cell holds one line; "<br>" stands for a line break (a transcript's next speaker, a form's next field)
            list.Add(new Example(i + 1, section, cells[0].Trim().Replace("<br>", "\n", StringComparison.Ordinal).Replace('\u0001', '|'), cells[1].Trim()));
        }
        return list;
    }

    public static TheoryData<int> Lines()
    {
        var d = new TheoryData<int>();
        foreach (var e in Examples) d.Add(e.Line);
        return d;
    }

    [Fact]
    public void The_spec_has_at_least_150_examples_in_every_section()
    {
        Assert.True(Examples.Count >= 150, $"only {Examples.Count} examples");
        Assert.All(Examples.GroupBy(e => e.Section), g => Assert.True(g.Count() >= 3, $"section '{g.Key}' has {g.Count()} examples"));
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void Text_yields_exactly_the_expected_findings(int line)
    {
        var e = Examples.Single(x => x.Line == line);
        var expected = e.Expected == "nothing" ? [] : e.Expected.Split(';').Select(x => x.Trim()).Order(StringComparer.Ordinal).ToArray();
        var actual = TextFixture.Stated(e.Text);
        Assert.True(expected.SequenceEqual(actual),
            $"extraction.md line {line}: \"{e.Text}\"\n  expected: {string.Join("; ", expected)}\n  actual:   {string.Join("; ", actual)}");
    }
}
