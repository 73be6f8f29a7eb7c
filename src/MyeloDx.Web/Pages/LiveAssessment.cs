using MyeloDx.Core.Contract;
using MyeloDx.Core.Decisions;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;
using MyeloDx.Web.Input;

namespace MyeloDx.Web.Pages;

/// <summary>What one assessment on a page produced: the input, the result and the view the partials render.</summary>
internal sealed record LiveResult(ParsedInput Parsed, Assessment Assessment, AssessmentDocument Document, AssessmentView View);

/// <summary>
/// Assesses a posted body for the pages, with the population chosen on the page and the what-if changes (findings
/// toggled, the dose of the first radiotherapy course changed). Nothing here is stored.
/// </summary>
internal sealed class LiveAssessment(CaseReaders readers, INoteExplainer? explainer = null)
{
    public KnowledgeBase Knowledge => readers.Service.Knowledge;

    /// <summary>Throws <see cref="MyeloDx.Core.Errors.InputException"/> for bad input (the caller shows the code).</summary>
    public LiveResult Run(string body, string? mode, string? context = null, IReadOnlyList<string>? toggles = null, double? doseGy = null)
    {
        var svc = readers.Service;
        var p = readers.Parse(body, mode == "note" ? "note" : "case");
        context = string.IsNullOrWhiteSpace(context) ? p.PriorContext : context;
        if (context is not null && !Knowledge.Priors.ContainsKey(context))
            throw new MyeloDx.Core.Errors.InputException("MDX-WEB035", "population", $"unknown population '{context}'");
        toggles ??= [];
        var original = p.Input;
        var input = WithDose(original, doseGy);
        var edits = WhatIf.ParseAll(toggles.Distinct().Select(t => Edit(original, t)), Knowledge);
        if (edits.Count > 0) input = input with { Observations = WhatIf.Apply(input.Observations, edits) };
        var a = svc.Assess(input, context);
        var doc = svc.Document(input, a);
        WhatIfComparison? cmp = null;
        var changed = edits.Count > 0 || input.Computed != original.Computed;
        if (changed || (context ?? Knowledge.DefaultContext) != (p.PriorContext ?? Knowledge.DefaultContext))
            cmp = WhatIf.Compare(svc.Assess(original, p.PriorContext), a, edits);
        var note = p.Kind == "text" ? AssessmentView.NoteFrom("text", body) : null;
        var view = new AssessmentView(doc, note, Knowledge)
        {
            Marks = note is { Length: > 0 } && explainer is not null ? explainer.Marks(note) : null,
            Body = body, Mode = mode, Toggled = toggles, DoseGy = ReferenceEquals(input.Computed, original.Computed) ? null : doseGy, WhatIf = cmp,
        };
        return new LiveResult(p with { PriorContext = context }, a, doc, view);
    }

    /// <summary>Toggling a finding: a present binary finding becomes absent and back; anything else becomes unknown.</summary>
    private string Edit(CaseInput input, string id)
    {
        var o = input.Observations.FirstOrDefault(x => x.VariableId == id);
        if (o is null || !Knowledge.Variables.TryGetValue(id, out var v)) return $"{id}=unknown";
        if (v.Kind == VariableKind.Binary && o.State == "present") return $"{id}=absent";
        if (v.Kind == VariableKind.Binary && o.State == "absent") return $"{id}=present";
        return $"{id}=unknown";
    }

    /// <summary>The first radiotherapy course with another total dose (same fractions), its computed evidence redone.</summary>
    private CaseInput WithDose(CaseInput input, double? doseGy)
    {
        var courses = input.Case.Treatments?.Radiotherapy;
        if (doseGy is not { } d || courses is not { Count: > 0 } || courses[0].TotalDoseGy == d) return input;
        if (d is < 0.1 or > 150) throw new MyeloDx.Core.Errors.InputException("MDX-WEB036", "what-if dose", "the dose must be between 0.1 and 150 Gy");
        var changed = courses.Select((c, i) => i == 0 ? c with { TotalDoseGy = d } : c).ToList();
        var c2 = input.Case with { Treatments = input.Case.Treatments! with { Radiotherapy = changed } };
        return input with { Case = c2, Computed = readers.Service.FromCase(c2).Computed };
    }

    /// <summary>The first radiotherapy course's stated total dose (the what-if dose field's starting value).</summary>
    public static double? FirstDose(CaseInput input) => input.Case.Treatments?.Radiotherapy is { Count: > 0 } r ? r[0].TotalDoseGy : null;
}
