using MyeloDx.Core.Inference;

namespace MyeloDx.Core.Decisions;

/// <summary>An urgent action, with the diagnosis that calls for it.</summary>
public sealed record PlannedAction(string DiagnosisId, string DiagnosisName, double Probability, Urgency Urgency, ManagementItem Item);

/// <summary>What management.yaml says about one diagnosis in the differential, filtered to this case.</summary>
public sealed record DiagnosisPlan(
    string DiagnosisId,
    string Name,
    double Probability,
    Urgency Urgency,
    bool UrgentTriggered,
    IReadOnlyList<ManagementItem> Treatment,
    IReadOnlyList<ManagementItem> Prognosis,
    IReadOnlyList<ManagementItem> Scores);

/// <summary>Urgent actions first (emergencies before urgent ones), then treatment and prognosis per diagnosis.</summary>
public sealed record ManagementPlan(IReadOnlyList<PlannedAction> Urgent, IReadOnlyList<DiagnosisPlan> Diagnoses, IReadOnlyList<ManagementItem> General)
{
    /// <summary>
    /// Urgent actions are listed for every diagnosis whose probability reaches its act-on-suspicion threshold
    /// (management.yaml <c>act_at</c>), because an emergency must be treated while it is still only suspected.
    /// Treatment and prognosis are listed for the leader and for every diagnosis at or above <c>show_at_probability</c>.
    /// Items with <c>applies_if</c> appear only when the case states the listed findings; items with <c>unless_known</c>
    /// disappear once the case states any of the listed findings.
    /// </summary>
    public static ManagementPlan For(Assessment a, ManagementCatalog catalog)
    {
        IReadOnlyDictionary<string, string?> observed = a.Observations.ToDictionary(o => o.VariableId, o => o.State, StringComparer.Ordinal);
        bool Applies(ManagementItem i) => i.AppliesTo(observed);

        var urgent = new List<PlannedAction>();
        var plans = new List<DiagnosisPlan>();
        foreach (var d in a.Differential)
        {
            var e = catalog.For(d.Id);
            if (e is null) continue;
            var triggered = e.UrgentActions.Count > 0 && d.Probability >= e.ActAtProbability;
            if (triggered)
                urgent.AddRange(e.UrgentActions.Where(Applies).Select(i => new PlannedAction(d.Id, d.Name, d.Probability, e.Urgency, i)));
            if (d.Id == a.Leading.Id || d.Probability >= catalog.ShowAtProbability || triggered)
                plans.Add(new DiagnosisPlan(d.Id, d.Name, d.Probability, e.Urgency, triggered,
                    e.Treatment.Where(Applies).ToArray(), e.Prognosis.Where(Applies).ToArray(), e.Scores.Where(Applies).ToArray()));
        }
        var orderedUrgent = urgent.Select((u, i) => (u, i)).OrderBy(x => x.u.Urgency).ThenBy(x => x.i).Select(x => x.u).ToArray();
        return new ManagementPlan(orderedUrgent, plans, catalog.General.Where(Applies).ToArray());
    }
}
