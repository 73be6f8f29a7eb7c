namespace MyeloDx.Text.Extraction;

/// <summary>
/// Notes mix scans and samples from different times ("Previous MRI: restricted diffusion in the conus. Current MRI: no
/// restricted diffusion."). The reasoning uses the current state: a finding said of an earlier study is set aside when
/// the current study speaks to the same variable, and the change between the two is itself evidence (a normal first
/// MRI followed by a lesion; a lesion that has faded).
/// </summary>
internal static class EarlierStudies
{
    public const string Superseded = "an earlier study (the current one is used)";

    /// <summary>Sets aside each historical mention whose every finding the current text also states.</summary>
    public static void Supersede(List<Mention> mentions)
    {
        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in mentions)
            if (m.Used && !m.Historical)
                foreach (var f in m.Findings) current.Add(f.Variable);
        var lesionNow = mentions.Any(IsCurrentLesion);
        for (var i = 0; i < mentions.Count; i++)
        {
            var m = mentions[i];
            if (!m.Used || !m.Historical || m.Findings.Count == 0) continue;
            // an earlier normal MRI says nothing about the lesion the current one shows
            var normalBefore = lesionNow && m.Findings.All(f => f.Variable == "compartment" && f.State == "none");
            if (normalBefore || m.Findings.All(f => current.Contains(f.Variable)))
                mentions[i] = m with { DroppedBecause = Superseded };
        }
    }

    /// <summary>
    /// The change between an earlier and the current MRI when the note does not name it: "newly_abnormal" when an
    /// earlier MRI showed no lesion and the current one shows one, "regression" when a lesion finding of an earlier
    /// study is now stated absent. Null when the note gives no such pair.
    /// </summary>
    public static (string State, Mention From)? IntervalChange(IReadOnlyList<Mention> mentions)
    {
        var earlier = mentions.Where(m => m.Historical && (m.Used || m.DroppedBecause == Superseded) && m.Term.ImagingFinding).ToList();
        if (earlier.Count == 0) return null;
        var now = mentions.Where(m => m.Used && !m.Historical && m.Term.ImagingFinding).ToList();
        var earlierNormal = earlier.FirstOrDefault(m => m.Findings.Any(f => f.Variable == "compartment" && f.State == "none"));
        var nowLesion = mentions.FirstOrDefault(IsCurrentLesion);
        if (earlierNormal is not null && nowLesion is not null) return ("newly_abnormal", nowLesion);
        foreach (var e in earlier)
            foreach (var f in e.Findings)
            {
                if (IsAbsence(f.State)) continue;
                var gone = now.FirstOrDefault(m => m.Findings.Any(g => g.Variable == f.Variable && IsAbsence(g.State)));
                if (gone is not null && f.Variable != "compartment") return ("regression", gone);
            }
        return null;
    }

    /// <summary>A current statement of a spinal lesion: a compartment, or T2 signal change outside brain imaging.</summary>
    private static bool IsCurrentLesion(Mention m) =>
        m.Used && !m.Historical && !m.Negated && (m.Flags & MentionFlags.Brain) == 0
        && (m.Findings.Any(f => f.Variable == "compartment" && f.State is not (null or "none")) || m.Concept is "t2_signal");

    private static bool IsAbsence(string? state) => state is "absent" or "none";
}
