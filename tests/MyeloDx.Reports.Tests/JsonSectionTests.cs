using System.Text.Json.Nodes;
using MyeloDx.Reports.Building;

namespace MyeloDx.Reports.Tests;

public sealed class JsonSectionTests
{
    [Theory]
    [InlineData("radiotherapy", "Radiotherapy")]
    [InlineData("rtDose", "Radiotherapy")]
    [InlineData("cordDose", "Radiotherapy")]
    [InlineData("scores", "Scores")]
    [InlineData("nextTests", "NextTests")]
    [InlineData("management", "Management")]
    [InlineData("prognosis", "Management")]
    [InlineData("whatIf", "Other")]
    [InlineData("rtl", "Other")]
    public void Sections_are_placed_by_their_key(string key, string role) =>
        Assert.Equal(role, JsonSections.Role(key).ToString());

    [Fact]
    public void Core_contract_keys_are_not_repeated_as_sections()
    {
        var json = new JsonObject { ["leading"] = "x", ["differential"] = new JsonArray(1), ["caveat"] = "c", ["scores"] = new JsonObject { ["a"] = 1 } };
        Assert.Equal(["scores"], JsonSections.Extra(json).Select(e => e.Key));
    }

    [Fact]
    public void An_array_of_flat_objects_becomes_a_table_and_a_known_source_a_citation()
    {
        var cites = new Citations(Fixture.TestKnowledge);
        var node = new JsonArray(
            new JsonObject { ["name"] = "A", ["bits"] = 0.5, ["source"] = "SrcA" },
            new JsonObject { ["name"] = "B", ["bits"] = 0.25, ["source"] = "nope" });
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
        var node = JsonNode.Parse("""{"a":{"b":{"c":{"d":{"e":"deep"}}}}}""")!;
        var text = string.Join(" ", JsonSections.Render(node, cites).SelectMany(Flatten));
        Assert.Contains("deep", text);
    }

    private static IEnumerable<string> Flatten(ReportBlock b) => b switch
    {
        ParagraphBlock p => [p.Lead ?? "", p.Text],
        ListBlock l => l.Items.SelectMany(i => new[] { i.Lead ?? "", i.Text }),
        TableBlock t => t.Rows.SelectMany(r => r),
        _ => [],
    };
}
