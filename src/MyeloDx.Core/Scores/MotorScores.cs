using MyeloDx.Core.Contract;
using MyeloDx.Core.Cases;

namespace MyeloDx.Core.Scores;

/// <summary>
/// MRC muscle grades (0-5) as recorded per limb, Frankel grade and ASIA Impairment Scale as far as the case allows.
/// The case records the weakest muscle group per limb, not the 10 key muscles per side, sacral sensation or anal
/// contraction, so ASIA is given as the grades still possible and says what is missing.
/// </summary>
public static class MotorScores
{
    public const string MrcSource = "MRC1976";
    public const string FrankelSource = "Frankel1969";
    public const string AsiaSource = "Merck-AIS";
    public const string AsiaSource2 = "PMC4303793-table";

    private static readonly string[] Meanings =
    [
        "no contraction",
        "flicker or trace of contraction",
        "active movement with gravity eliminated",
        "active movement against gravity",
        "active movement against gravity and resistance",
        "normal power",
    ];

    public static string Meaning(double grade)
    {
        var g = (int)Math.Floor(grade);
        return grade % 1 == 0 ? Meanings[g] : $"{Meanings[g]} (between {g} and {g + 1})";
    }

    private static IEnumerable<(string Limb, double Grade)> Limbs(MotorExam? m)
    {
        if (m is null) yield break;
        if (m.RightArm is { } ra) yield return ("right arm", ra);
        if (m.LeftArm is { } la) yield return ("left arm", la);
        if (m.RightLeg is { } rl) yield return ("right leg", rl);
        if (m.LeftLeg is { } ll) yield return ("left leg", ll);
    }

    /// <summary>MRC grade per examined limb (weakest group) and their sum over the examined limbs.</summary>
    public static ScoreResult Mrc(Case c)
    {
        var limbs = Limbs(c.Presentation?.Motor).ToArray();
        var missing = new List<string>();
        string[] all = ["right arm", "left arm", "right leg", "left leg"];
        missing.AddRange(all.Where(l => limbs.All(x => x.Limb != l)).Select(l => $"{l} grade"));
        if (limbs.Length == 0)
            return new ScoreResult("mrc", "MRC muscle grades", null, "no muscle grades recorded", missing, [MrcSource]);
        var sum = limbs.Sum(l => l.Grade);
        var details = new MrcDetails(limbs.Select(l => new LimbGrade(l.Limb, l.Grade, Meaning(l.Grade))).ToArray(), sum, 5 * limbs.Length);
        var summary = string.Join("; ", limbs.Select(l => $"{l.Limb} {ScoreResult.F(l.Grade)}/5 ({Meaning(l.Grade)})")) +
                      $"; sum over the {limbs.Length} examined limb(s), weakest group per limb (the 60-point MRC sum score needs six muscle groups per side)";
        return new ScoreResult("mrc", "MRC muscle grades", $"{ScoreResult.F(sum)}/{5 * limbs.Length}", summary, missing, [MrcSource]) { Details = details };
    }

    /// <summary>Frankel grade A-E from leg strength, walking, sensation and sphincters.</summary>
    public static ScoreResult Frankel(Case c)
    {
        var p = c.Presentation;
        var legs = new[] { p?.Motor?.RightLeg, p?.Motor?.LeftLeg }.Where(x => x is not null).Select(x => x!.Value).ToArray();
        var missing = new List<string>();
        if (legs.Length < 2) missing.Add("strength of both legs");
        string? grade; string why;
        var sphincter = p?.BladderDysfunction is true || p?.BowelDysfunction is true;
        if (legs.Length == 0)
        {
            if (p?.Ambulatory is true) { grade = "D or E"; why = "walks; leg strength not recorded"; }
            else { grade = null; why = "leg strength not recorded"; }
        }
        else if (legs.All(g => g >= 5))
        {
            if (p?.SensoryLoss is false && p.BladderDysfunction is false && p.BowelDysfunction is not true) { grade = "E"; why = "no motor, sensory or sphincter deficit"; }
            else if (p?.SensoryLoss is true || sphincter) { grade = "D"; why = "full leg strength with a sensory or sphincter deficit"; }
            else { grade = "D or E"; why = "full leg strength; sensation or sphincters not recorded"; missing.Add("sensation and sphincter function"); }
        }
        else if (legs.All(g => g <= 0))
        {
            if (p?.SensoryLoss is false) { grade = "B"; why = "no motor function below the level, sensation preserved"; }
            else { grade = "A or B"; why = "no motor function below the level; whether any sensation is preserved is not recorded"; missing.Add("whether sensation below the level is preserved"); }
        }
        else if (p?.Ambulatory is true) { grade = "D"; why = "useful motor power: walks"; }
        else if (p?.Ambulatory is false) { grade = "C"; why = "motor power present but not useful: does not walk"; }
        else if (p?.Syndrome is "paraplegia" or "quadriparesis" && legs.Min() < 3) { grade = "C"; why = $"motor power present (legs {string.Join(" and ", legs.Select(ScoreResult.F))}/5) but described as {p.Syndrome}"; missing.Add("whether the patient walks"); }
        else if (legs.All(g => g >= 4)) { grade = "D"; why = "leg strength 4/5 or better; walking not recorded"; missing.Add("whether the patient walks"); }
        else { grade = "C or D"; why = "motor power present; whether it is useful (walking) is not recorded"; missing.Add("whether the patient walks"); }
        return new ScoreResult("frankel", "Frankel grade", grade, why, missing, [FrankelSource]);
    }

    /// <summary>ASIA Impairment Scale: the grades the case still allows.</summary>
    public static ScoreResult Asia(Case c)
    {
        var p = c.Presentation;
        var legs = new[] { p?.Motor?.RightLeg, p?.Motor?.LeftLeg }.Where(x => x is not null).Select(x => x!.Value).ToArray();
        var missing = new List<string> { "grades of the key muscles per side", "S4-S5 sensation", "voluntary anal contraction" };
        string? grade; string why;
        if (legs.Length == 0) { grade = null; why = "leg strength not recorded"; }
        else if (legs.All(g => g >= 5) && p?.SensoryLoss is false && p.BladderDysfunction is false && p.BowelDysfunction is not true)
        { grade = "E"; why = "normal motor and sensory function (E is used only after a documented deficit)"; }
        else if (legs.All(g => g <= 0)) { grade = "A or B"; why = "no motor function in the legs; A and B differ by sacral sensory sparing, which is not recorded"; }
        else if (legs.All(g => g >= 3)) { grade = "D"; why = $"motor function preserved with the weakest leg groups at {string.Join(" and ", legs.Select(ScoreResult.F))}/5 (at least half the key muscles likely ≥ 3), assuming an incomplete injury with sacral sparing"; }
        else if (legs.All(g => g < 3)) { grade = "C"; why = $"motor function preserved but the leg groups are below 3/5 ({string.Join(" and ", legs.Select(ScoreResult.F))}), assuming an incomplete injury with sacral sparing"; }
        else { grade = "C or D"; why = $"motor function preserved; one leg is below 3/5 and the other at or above ({string.Join(" and ", legs.Select(ScoreResult.F))}), so whether half the key muscles reach 3 cannot be told"; }
        return new ScoreResult("asia", "ASIA Impairment Scale", grade, why, missing, [AsiaSource, AsiaSource2]);
    }
}
