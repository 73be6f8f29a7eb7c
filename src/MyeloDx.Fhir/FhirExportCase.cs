using System.Globalization;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Services;

namespace MyeloDx.Fhir;

/// <summary>The case a FHIR export writes: for free text, the findings the reader extracted are kept by id.</summary>
public static class FhirExportCase
{
    /// <summary>
    /// A structured case as it is; a case read from text with every observation the reader made that the case fields
    /// do not already derive, as findings by id (an uncertain state as possible_STATE).
    /// </summary>
    public static Case For(CaseInput input, AssessmentService service)
    {
        if (input.Kind == "structured") return input.Case;
        var derived = service.FromCase(input.Case).Observations.Select(o => o.VariableId).ToHashSet(StringComparer.Ordinal);
        var findings = new Dictionary<string, string>(input.Case.Findings ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var o in input.Observations)
        {
            if (derived.Contains(o.VariableId) || findings.ContainsKey(o.VariableId)) continue;
            var value = o.Value is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : o.State!;
            findings[o.VariableId] = o.Uncertain && o.Value is null ? "possible_" + value : value;
        }
        return findings.Count == 0 ? input.Case : input.Case with { Findings = findings };
    }
}
