using System.Text.Json.Serialization;
using MyeloDx.Core.Anatomy;
using MyeloDx.Core.Cases;

namespace MyeloDx.Core.Dose;

/// <summary>Where the affected cord lay relative to one radiotherapy field.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FieldRelation>))]
public enum FieldRelation
{
    /// <summary>The field or the report does not say enough to tell.</summary>
    [JsonStringEnumMemberName("unknown")] Unknown,
    /// <summary>The affected levels lie beyond the field (or the field never includes the cord).</summary>
    [JsonStringEnumMemberName("outside")] Outside,
    /// <summary>Within the near-edge band just beyond the field border (penumbra).</summary>
    [JsonStringEnumMemberName("near_edge")] NearEdge,
    /// <summary>
    /// The field may include the affected levels but the report does not say enough: a chest or mantle field named
    /// without vertebral levels (plans often spare or block the cord), or a cord-facing field while the lesion's level
    /// is not stated. Counted as in the field with half weight, like any uncertain finding.
    /// </summary>
    [JsonStringEnumMemberName("possibly_in_field")] Possible,
    /// <summary>The affected levels overlap the field.</summary>
    [JsonStringEnumMemberName("in_field")] InField,
}

/// <summary>
/// A field's cord coverage as vertebral ordinals (see <see cref="SpinalLevels"/>); <see cref="ReachesCord"/> is false
/// for fields that never include the spinal canal (breast tangents, limbs, stereotactic brain radiosurgery).
/// </summary>
public sealed record FieldExtent(string Name, int From, int To, bool ReachesCord, bool FromLevels)
{
    /// <summary>The named extent is only approximate for the cord (chest and mantle fields): overlap means "possibly in field".</summary>
    public bool Approximate { get; init; }
    /// <summary>What to conclude when the affected level is not stated.</summary>
    public FieldRelation WhenLevelUnknown { get; init; } = FieldRelation.Unknown;

    public string Levels => From == To ? SpinalLevels.Name(From) : $"{SpinalLevels.Name(From)}-{SpinalLevels.Name(To)}";
    /// <summary>"the whole-brain field", "the T10-L2 field".</summary>
    public string Describe() => $"the {ShortName} field";
    /// <summary>"whole-brain", "T10-L2".</summary>
    public string ShortName => FromLevels ? Levels : Name;
}

/// <summary>The relation of one course to the affected cord, with the distance from the field edge in vertebral segments.</summary>
public sealed record CordPosition(FieldRelation Relation, FieldExtent? Field, int? DistanceSegments, bool Stated, string Reason);

/// <summary>
/// Places the affected cord relative to a course's field. The field comes, in order of precedence, from the stated
/// <see cref="RadiotherapyCourse.CordInField"/>, from vertebral levels (course levels or levels in the target text),
/// or from a named field whose usual cord coverage is listed below.
/// </summary>
/// <remarks>
/// The named extents are conventional field borders expressed as vertebral levels, not patient-specific plans:
/// a whole-brain field's lower border sits at about C1-C2 (opposed laterals to the bottom of C1/C2), a neck field runs
/// from C1 to about T1, chest fields (mediastinum, lung, thorax, oesophagus) and mantle fields span about T1-T10 but
/// their plans often spare or block the cord, so overlap with them only makes the cord "possibly" in the field,
/// para-aortic and upper abdominal fields about T10-L5, pelvic fields L5 downwards (below the conus), craniospinal and
/// whole-spine fields C1 to about S2. Breast tangents, limbs and stereotactic brain radiosurgery never include the
/// cord. When the affected level is not stated, cord-facing fields (vertebral levels, spine, neck, mediastinum,
/// oesophagus, mantle) leave the cord possibly in the field, whole-brain and pelvic fields count as outside, and
/// the rest stay unknown. Anything else is left unknown rather than guessed.
/// </remarks>
public static class CordGeometry
{
    private sealed record Named(string Name, string[] Words, int From, int To, FieldRelation WhenLevelUnknown,
        bool ReachesCord = true, bool Approximate = false, string[]? Unless = null);

    private const FieldRelation Unknown = FieldRelation.Unknown, Outside = FieldRelation.Outside, Possible = FieldRelation.Possible, Inside = FieldRelation.InField;

    // Order matters: the first entry whose word occurs (and none of whose "unless" words occurs) wins.
    private static readonly Named[] Fields =
    [
        new("craniospinal", ["craniospinal", "cranio-spinal", "csi"], 1, 26, Inside),
        new("whole-spine", ["whole spine", "whole-spine", "entire spine", "total spine", "whole spinal", "entire neuraxis", "neuraxis"], 1, 26, Inside),
        new("brain radiosurgery", ["radiosurgery", "gamma knife", "gammaknife", "cyberknife brain", "srs"], 0, 0, Outside, ReachesCord: false, Unless: ["spine", "spinal", "vertebr", "cord"]),
        new("whole-brain", ["whole brain", "whole-brain", "wbrt", "whole cranial", "prophylactic cranial", "pci", "hippocampal", "cranial", "brain"], 1, 1, Outside),
        new("mantle", ["mantle"], 1, 17, Possible, Approximate: true),
        new("cervical-spine", ["cervical spine", "c-spine", "cervical vertebra"], 1, 7, Possible),
        new("thoracic-spine", ["thoracic spine", "t-spine", "dorsal spine", "thoracic vertebra"], 8, 19, Possible),
        new("lumbar-spine", ["lumbar spine", "l-spine", "lumbosacral", "lumbar vertebra"], 20, 24, Possible),
        new("sacral", ["sacrum", "sacral"], 25, 29, Possible),
        new("neck", ["head and neck", "head & neck", "head-and-neck", "neck", "nasophar", "oropharyn", "hypophar", "laryn", "tonsil", "parotid", "thyroid"], 1, 8, Possible),
        new("supraclavicular", ["supraclavicular"], 5, 9, Possible),
        new("mediastinal", ["mediastin", "thymus", "thymoma"], 8, 17, Possible, Approximate: true),
        new("breast or chest-wall", ["breast", "chest wall", "chest-wall", "tangential", "tangent"], 0, 0, Outside, ReachesCord: false, Unless: ["supraclavicular", "axilla", "internal mammary"]),
        new("oesophageal", ["oesophag", "esophag"], 8, 17, Possible, Approximate: true),
        new("thoracic", ["thorax", "thoracic", "chest", "lung", "bronch"], 8, 17, Unknown, Approximate: true),
        new("abdominal", ["para-aortic", "paraaortic", "para aortic", "retroperiton", "abdomen", "abdominal", "pancrea", "stomach", "gastric", "renal", "kidney", "adrenal"], 17, 24, Unknown),
        new("pelvic", ["pelvis", "pelvic", "prostate", "rectum", "rectal", "cervix", "uterus", "uterine", "endometri", "bladder", "anal canal", "anus", "vulva", "vagina", "inguinal"], 24, 29, Outside),
        new("limb", ["femur", "humerus", "tibia", "fibula", "radius", "ulna", "limb", "extremit", "knee", "shoulder", "hip", "orbit", "skin", "forearm"], 0, 0, Outside, ReachesCord: false),
    ];

    /// <summary>The field a course describes, or null when it cannot be told.</summary>
    public static FieldExtent? Field(RadiotherapyCourse rt)
    {
        var levels = SpinalLevels.Ranges(rt.Levels);
        if (levels.Count == 0) levels = SpinalLevels.Ranges(rt.Target);
        if (levels.Count > 0)
            return new FieldExtent("vertebral", levels.Min(r => r.From), levels.Max(r => r.To), true, true) { WhenLevelUnknown = FieldRelation.Possible };
        var target = (rt.Target ?? "").ToLowerInvariant();
        if (target.Length == 0) return null;
        foreach (var f in Fields)
        {
            if (!f.Words.Any(w => ContainsWord(target, w))) continue;
            if (f.Unless is { } u && u.Any(target.Contains)) continue;
            return new FieldExtent(f.Name, f.From, f.To, f.ReachesCord, false) { Approximate = f.Approximate, WhenLevelUnknown = f.WhenLevelUnknown };
        }
        return null;
    }

    /// <summary>Places the affected levels (<paramref name="lesion"/>, may be empty when unknown) relative to a course's field.</summary>
    public static CordPosition Locate(RadiotherapyCourse rt, IReadOnlyList<(int From, int To)> lesion, int nearEdgeSegments = 1)
    {
        var field = Field(rt);
        var geometric = Geometric(field, lesion, nearEdgeSegments);
        if (rt.CordInField is { } stated)
        {
            if (stated) return new CordPosition(FieldRelation.InField, field, 0, true, "the report states the cord was in the field");
            // Stated outside: keep the geometric distance when it agrees, otherwise trust the statement.
            return geometric.Relation == FieldRelation.Outside
                ? geometric with { Stated = true }
                : new CordPosition(FieldRelation.Outside, field, null, true, "the report states the cord was outside the field");
        }
        return geometric;
    }

    private static CordPosition Geometric(FieldExtent? field, IReadOnlyList<(int From, int To)> lesion, int nearEdge)
    {
        if (field is null) return new CordPosition(FieldRelation.Unknown, null, null, false, "the field's location is not stated in vertebral levels or a recognised field name");
        if (!field.ReachesCord) return new CordPosition(FieldRelation.Outside, field, null, false, $"{field.Describe()} does not include the spinal cord");
        if (lesion.Count == 0)
        {
            // Whole-neuraxis fields include every level; small or remote cord coverage makes "outside" likely;
            // cord-facing fields leave it possible; the rest cannot be told.
            return field.WhenLevelUnknown switch
            {
                FieldRelation.InField => new CordPosition(FieldRelation.InField, field, 0, false, $"{field.Describe()} includes the whole cord"),
                FieldRelation.Outside => new CordPosition(FieldRelation.Outside, field, null, false, $"{field.Describe()} covers at most {field.Levels} of the cord; the affected level is not stated"),
                FieldRelation.Possible => new CordPosition(FieldRelation.Possible, field, null, false, $"{field.Describe()} faces the cord, but the affected level is not stated"),
                _ => new CordPosition(FieldRelation.Unknown, field, null, false, "the affected cord level is not known"),
            };
        }
        var nearest = lesion.MinBy(l => Gap(l, field));
        var distance = Gap(nearest, field);
        var relation = field.Approximate
            ? distance == 0 ? FieldRelation.Possible : FieldRelation.Outside
            : distance == 0 ? FieldRelation.InField : distance <= nearEdge ? FieldRelation.NearEdge : FieldRelation.Outside;
        var reason = distance == 0
            ? field.Approximate
                ? $"the affected levels lie within the usual span ({field.Levels}) of {field.Describe()}, whose plan may spare the cord; vertebral levels of the field are not stated"
                : $"the affected levels overlap {field.Describe()}"
            : nearest.From > field.To
                ? $"the affected levels lie {Segments(distance)} below the lower edge ({SpinalLevels.Name(field.To)}) of {field.Describe()}"
                : $"the affected levels lie {Segments(distance)} above the upper edge ({SpinalLevels.Name(field.From)}) of {field.Describe()}";
        return new CordPosition(relation, field, distance, false, reason);
    }

    private static int Gap((int From, int To) l, FieldExtent f) =>
        l.From <= f.To && f.From <= l.To ? 0 : Math.Max(l.From - f.To, f.From - l.To);

    internal static string Segments(int n) => n == 1 ? "1 vertebral segment" : $"{n} vertebral segments";

    private static bool ContainsWord(string text, string word)
    {
        var i = text.IndexOf(word, StringComparison.Ordinal);
        while (i >= 0)
        {
            var before = i == 0 || !char.IsLetter(text[i - 1]);
            var end = i + word.Length;
            // allow plural/adjective endings for stems such as "mediastin", "oesophag"
            if (before && (word.Length >= 6 || end == text.Length || !char.IsLetter(text[end]))) return true;
            i = text.IndexOf(word, i + 1, StringComparison.Ordinal);
        }
        return false;
    }
}
