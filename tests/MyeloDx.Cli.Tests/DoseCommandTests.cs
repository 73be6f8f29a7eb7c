using System.Diagnostics;
using System.Text.Json.Nodes;
using MyeloDx.Cli.Commands;
using MyeloDx.Core.Errors;

namespace MyeloDx.Cli.Tests;

public class DoseCommandTests
{
    private static JsonObject Json(params string[] plans) => Json(null, plans);

    private static JsonObject Json(double? ab, params string[] plans)
    {
        var w = new StringWriter();
        Assert.Equal(0, new DoseCommand().Run(plans, ab, "json", w));
        return JsonNode.Parse(w.ToString())!.AsObject();
    }

    private static (double Bed, double Eqd2) At(JsonNode node, double ab)
    {
        var a = node["atAlphaBeta"]!.AsArray().Single(x => (double)x!["alphaBetaGy"]! == ab)!;
        return ((double)a["bedGy"]!, (double)a["eqd2Gy"]!);
    }

    [Fact]
    public void Thirty_Gy_in_ten_gives_the_worked_example_at_alpha_beta_2_and_10()
    {
        var c = Json("30 Gy/10")["courses"]![0]!;
        Assert.Equal(30, (double)c["physicalDoseGy"]!);
        Assert.Equal(10, (int)c["fractions"]!);
        Assert.Equal(3, (double)c["dosePerFractionGy"]!);
        Assert.Equal((75, 37.5), At(c, 2));
        Assert.Equal((39, 32.5), At(c, 10));
    }

    [Theory]
    [InlineData("20 Gy/5", 30)]
    [InlineData("8 Gy/1", 20)]
    [InlineData("8 Gy single fraction", 20)]
    [InlineData("3 Gy x 10", 37.5)]
    public void EQD2_at_alpha_beta_2(string plan, double eqd2) =>
        Assert.Equal(eqd2, At(Json(plan)["courses"]![0]!, 2).Eqd2, 2);

    [Fact]
    public void Several_plans_are_summed_as_courses_in_EQD2()
    {
        var j = Json("30 Gy/10", "20 Gy/5");
        Assert.Equal(2, (int)j["cumulative"]!["courses"]!);
        Assert.Equal((135, 67.5), At(j["cumulative"]!, 2));
        Assert.Contains(j["warnings"]!.AsArray(), w => ((string)w!).Contains("not additive"));
    }

    [Fact]
    public void A_chosen_alpha_beta_is_added_to_2_and_10()
    {
        var j = Json(0.87, "30 Gy/10");
        Assert.Equal(40.45, At(j["courses"]![0]!, 0.87).Eqd2, 2);
        Assert.Equal(0.87, (double)j["chosen"]!["alphaBetaGy"]!);
    }

    [Fact]
    public void Large_fractions_carry_a_validity_warning_and_the_SBRT_cord_limit()
    {
        var c = Json("24 Gy/1")["courses"]![0]!;
        Assert.Contains(c["warnings"]!.AsArray(), w => ((string)w!).Contains("validated range"));
        Assert.Contains(c["ifCordPointMaximum"]!.AsArray(), l => (double)l!["limitGy"]! == 12.4 && !(bool)l["within"]!);
    }

    [Theory]
    [InlineData("400 Gy/0", "MDX-DOSE002")]
    [InlineData("30 Gy/0", "MDX-DOSE003")]
    [InlineData("banana", "MDX-DOSE001")]
    public void Impossible_plans_are_refused_with_a_code(string plan, string code) =>
        Assert.Equal(code, Assert.Throws<InputException>(() => new DoseCommand().Run([plan], null, "json", new StringWriter())).Code);

    [Fact]
    public void An_impossible_alpha_beta_is_refused() =>
        Assert.Equal("MDX-DOSE004", Assert.Throws<InputException>(() => new DoseCommand().Run(["30 Gy/10"], -1, "json", new StringWriter())).Code);

    [Fact]
    public void The_text_output_states_the_figures_and_the_caveat()
    {
        var w = new StringWriter();
        new DoseCommand().Run(["30 Gy/10"], null, "text", w);
        var s = w.ToString();
        Assert.Contains("EQD2    37.5 Gy", s);
        Assert.Contains("does not replace", s);
    }

    [Fact]
    public void The_executable_exits_2_with_one_coded_line_for_an_impossible_plan()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "myelodx.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { dll, "dose", "400 Gy/0" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(2, p.ExitCode);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error MDX-DOSE002", lines[0]);
    }
}
