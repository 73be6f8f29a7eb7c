using MyeloDx.Core.Contract;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Decisions;

/// <summary>
/// The contract form of <see cref="Recommendations"/>: <c>firstAction</c>, <c>nextTests</c> (in display order,
/// each with its preconditions and citations), <c>withheldTests</c>, <c>management</c> and <c>references</c>.
/// Every surface reads these, so the order and wording are the same everywhere.
/// </summary>
public static class RecommendationsJson
{
    public static FirstActionEntry? FirstAction(Recommendations r) => r.FirstLine is not { } f ? null :
        new FirstActionEntry(f.Text, f.DiagnosisIds, Citations(r, f.Items.Select(i => i.Provenance)));

    /// <param name="results">False: no per-result effects (see <see cref="DecisionsJson.Test"/>).</param>
    public static IReadOnlyList<NextTestEntry> NextTests(Recommendations r, bool results = true) =>
        r.Tests.Select(t => DecisionsJson.Test(t.Value, t.Rank, results) with
        {
            Name = t.Name,
            Invasiveness = t.Invasiveness.Id,
            InvasivenessLevel = t.Invasiveness.Level,
            Route = t.RouteId,
            Source = t.Citations.FirstOrDefault()?.SourceId,
            Note = t.Note,
            After = t.After.Select(a => new AfterEntry(a.Text, a.AfterTest, a.Provenance.SourceId, r.Cite(a.Provenance))).ToArray(),
            Citations = Citations(r, t.Citations),
        }).ToArray();

    public static IReadOnlyList<WithheldTestEntry> Withheld(Recommendations r) =>
        r.Withheld.Select(w => new WithheldTestEntry(w.TestId, w.Name, w.Reason, w.Provenance.SourceId, r.Cite(w.Provenance))).ToArray();

    public static IReadOnlyList<ReferenceEntry> References(Recommendations r) =>
        r.References.Select(x => new ReferenceEntry(x.Number, x.SourceId, x.Citation, x.Link)).ToArray();

    /// <summary>The management plan, each statement with its level of evidence and citation number.</summary>
    public static ManagementSection Management(Recommendations r, KnowledgeBase kb) => DecisionsJson.Management(r.Plan, kb, r.Cite);

    /// <summary>The decision sections of the document, from one <see cref="Recommendations"/> computed once per case.</summary>
    /// <param name="testResults">False: the next tests without their per-result effects (see <see cref="DecisionsJson.Test"/>).</param>
    public static AssessmentDocument Apply(AssessmentDocument d, Recommendations r, SensitivityReport? sensitivity, KnowledgeBase kb, bool testResults = true) => d with
    {
        FirstAction = FirstAction(r),
        DiagnosticUncertaintyBits = Math.Round(r.EntropyBits, 4),
        NextTests = NextTests(r, testResults),
        WithheldTests = Withheld(r),
        Management = Management(r, kb),
        References = References(r),
        Sensitivity = sensitivity is null ? null : DecisionsJson.Sensitivity(sensitivity),
    };

    private static IReadOnlyList<string> Citations(Recommendations r, IEnumerable<Provenance> ps) =>
        ps.Select(r.Cite).Where(c => c.Length > 0).Distinct().ToArray();
}
