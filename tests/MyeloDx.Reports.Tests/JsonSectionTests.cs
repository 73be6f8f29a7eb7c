using System.Text.Json;
using MyeloDx.Reports.Building;

namespace MyeloDx.Reports.Tests;

/// <summary>The plain rendering of a stored section the records could not bind (the reports' only generic path).</summary>
public sealed class JsonSectionTests
{
    [Fact]
    public void An_array_of_flat_objects_becomes_a_table_and_a_known_source_a_citation()
    {
        var cites = new Citations(Fixture.TestKnowledge);
        var node = JsonElement.Parse("""[{"name":"A","bits":0.5,"source":"SrcA"},{"name":"B","bits":0.25,"source":"nope"}]""");
        var table = Assert.IsType<TableBlock>(Assert.Single(JsonSections.Render(node, cites)));
        Assert.Equal(["Name", "Bits", "Source"], table.Header);
        Assert.Equal(["A", "0.5", "[1]"], table.Rows[0]);
        Assert.Equal("nope", table.Rows[1][2]);
        Assert.Equal([false, true, false], table.Numeric);
    }

    [Fact]
    public void Deeply_nested_values_are_flattened_not_lost()
    {
        var cites = new Citations(Fixture.TestKnowledge);
        var node = JsonElement.Parse("""{"a":{"b":{"c":{"d":{"e":"deep"}}}}}""");
        var text = string.Join(" ", JsonSections.Render(node, cites).SelectMany(Flatten));
        Assert.Contains("deep", text);
    }

    [Fact]
    public void Empty_sections_get_no_heading()
    {
        var sections = new[] { "[]", "{}", "null", "0" }.Select((j, i) => new MyeloDx.Core.Contract.UnboundSection("s" + i, JsonElement.Parse(j)));
        Assert.Equal(["s3"], JsonSections.Shown(sections).Select(s => s.Key));
    }

    private static IEnumerable<string> Flatten(ReportBlock b) => b switch
    {
        ParagraphBlock p => [p.Lead ?? "", p.Text],
        ListBlock l => l.Items.SelectMany(i => new[] { i.Lead ?? "", i.Text }),
        TableBlock t => t.Rows.SelectMany(r => r),
        _ => [],
    };
}
