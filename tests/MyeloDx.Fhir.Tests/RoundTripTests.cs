using MyeloDx.Core.Cases;

namespace MyeloDx.Fhir.Tests;

public sealed class RoundTripTests
{
    private static Case RoundTrip(Case c, bool withAssessment = true)
    {
        var a = withAssessment ? Fixture.Service.Assess(c) : null;
        var json = Fixture.Exporter.ExportJson(c, a);
        return FhirImporter.Import(json, "test", FhirImportPolicy.Strict).Case;
    }

    [Theory]
    [InlineData("seed-case.json")]
    [InlineData("rich-case.json")]
    public void Case_to_bundle_to_case_is_the_same_case(string file)
    {
        var c = Fixture.LoadCase(file);
        Assert.Equal(Fixture.Canonical(c), Fixture.Canonical(RoundTrip(c)));
    }

    [Fact]
    public void Seed_case_needs_no_normalising_to_round_trip_exactly()
    {
        var c = Fixture.LoadCase("seed-case.json");
        Assert.Equal(CaseJson.Write(c), CaseJson.Write(RoundTrip(c)));
    }

    [Fact]
    public void An_empty_case_stays_empty()
    {
        Assert.Equal("{}", CaseJson.Write(RoundTrip(new Case(), withAssessment: false)));
    }

    [Fact]
    public void Known_none_lists_stay_distinct_from_unknown()
    {
        var c = new Case
        {
            Cancer = new Cancer { MetastaticSites = [] },
            Treatments = new Treatments { Radiotherapy = [], Systemic = [], Exposures = [], Surgery = [] },
        };
        var back = RoundTrip(c, withAssessment: false);
        Assert.NotNull(back.Treatments?.Radiotherapy);
        Assert.Empty(back.Treatments!.Radiotherapy!);
        Assert.Empty(back.Cancer!.MetastaticSites!);
        Assert.Null(RoundTrip(new Case { Cancer = new Cancer { Grade = 2 } }, withAssessment: false).Cancer!.MetastaticSites);
    }

    /// <summary>
    /// The rich case sets every field of the case model, so the round trip above covers them all. When the model
    /// grows, this fails until the new field is added to rich-case.json (and so to the FHIR mapping).
    /// </summary>
    [Fact]
    public void Rich_case_sets_every_field_of_the_case_model()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(Fixture.Data("rich-case.json"))!;
        var missing = Paths(typeof(Case), "").Where(p => !Has(json, p.Split('.'))).ToList();
        Assert.True(missing.Count == 0, "rich-case.json lacks: " + string.Join(", ", missing));
    }

    private static IEnumerable<string> Paths(Type t, string prefix)
    {
        foreach (var p in t.GetProperties())
        {
            var name = prefix + char.ToLowerInvariant(p.Name[0]) + p.Name[1..];
            var type = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            var element = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;
            var nested = element ?? type;
            if (nested.Namespace == typeof(Case).Namespace && nested.IsClass)
                foreach (var x in Paths(nested, name + ".")) yield return x;
            else yield return name;
        }
    }

    private static bool Has(System.Text.Json.Nodes.JsonNode? n, string[] path) => path.Length == 0
        ? n is not null
        : n switch
        {
            System.Text.Json.Nodes.JsonObject o => Has(o[path[0]], path[1..]),
            System.Text.Json.Nodes.JsonArray a => a.Any(x => Has(x, path)),
            _ => false,
        };

    [Fact]
    public void Randomly_built_cases_round_trip()
    {
        var rng = new Random(20301);
        for (var i = 0; i < 150; i++)
        {
            var c = RandomCase.Make(rng);
            var back = RoundTrip(c, withAssessment: false);
            Assert.True(Fixture.Canonical(c) == Fixture.Canonical(back), $"case #{i} changed:\n{Fixture.Canonical(c)}\n---\n{Fixture.Canonical(back)}");
        }
    }

    [Fact]
    public void Assessing_the_exported_bundle_ranks_the_same_leading_diagnosis()
    {
        foreach (var file in new[] { "seed-case.json", "rich-case.json" })
        {
            var c = Fixture.LoadCase(file);
            var before = Fixture.Service.Assess(c);
            var after = Fixture.Service.Assess(RoundTrip(c));
            Assert.Equal(before.Leading.Id, after.Leading.Id);
            Assert.Equal(before.Leading.Probability, after.Leading.Probability, 9);
        }
    }
}

/// <summary>Builds arbitrary valid cases: every field independently unknown or set, from realistic values.</summary>
internal static class RandomCase
{
    private static T? Maybe<T>(Random r, Func<T> f) where T : class => r.Next(3) == 0 ? null : f();
    private static double? Num(Random r, double lo, double hi, int digits = 1) => r.Next(3) == 0 ? null : Math.Round(lo + r.NextDouble() * (hi - lo), digits);
    private static bool? Bool(Random r) => r.Next(3) switch { 0 => null, 1 => true, _ => false };
    private static string? Pick(Random r, string[] xs) => r.Next(3) == 0 ? null : xs[r.Next(xs.Length)];
    private static List<T> Many<T>(Random r, int max, Func<T> f) => Enumerable.Range(0, r.Next(max + 1)).Select(_ => f()).ToList();

    public static Case Make(Random r) => new()
    {
        Patient = Maybe(r, () => new Patient { AgeYears = Num(r, 18, 95), Sex = Pick(r, CaseValidator.Sexes), Name = Pick(r, ["A. Person", "Zoë Ünïcode"]), Ecog = r.Next(3) == 0 ? null : r.Next(0, 6), Kps = r.Next(3) == 0 ? null : r.Next(0, 11) * 10 }),
        Cancer = Maybe(r, () => new Cancer
        {
            PrimarySite = Pick(r, ["breast", "lung", "melanoma", "kidney", "prostate", "lymphoma"]),
            Histology = Pick(r, ["adenocarcinoma", "small cell carcinoma"]),
            Receptors = Maybe(r, () => new Receptors { EstrogenPositive = Bool(r), ProgesteronePositive = Bool(r), Her2Positive = Bool(r) }),
            Grade = r.Next(3) == 0 ? null : r.Next(1, 5),
            Stage = Pick(r, ["IV", "IIIB"]),
            MetastaticSites = r.Next(3) == 0 ? null : Many(r, 3, () => Pick(r, ["brain", "liver", "bone", "lung"]) ?? "adrenal"),
            Status = Pick(r, ["active", "progressing", "stable", "remission", "new_diagnosis", "none_known"]),
            MonthsSinceDiagnosis = Num(r, 0, 200),
        }),
        Treatments = Maybe(r, () => new Treatments
        {
            Radiotherapy = r.Next(3) == 0 ? null : Many(r, 2, () => new RadiotherapyCourse
            {
                Target = Pick(r, ["whole brain", "T10-L2", "mediastinum"]),
                Levels = Pick(r, ["T10-L2", "C5-T1"]),
                CordInField = Bool(r),
                TotalDoseGy = Num(r, 8, 60),
                Fractions = r.Next(3) == 0 ? null : r.Next(1, 31),
                Technique = Pick(r, CaseValidator.Techniques),
                MonthsBeforeOnset = Num(r, 0, 60),
                CordMaxDoseGy = Num(r, 1, 50, 2),
            }).Where(c => c.TotalDoseGy is null || c.Fractions is null || c.TotalDoseGy / c.Fractions <= 30).ToList(),
            Systemic = r.Next(3) == 0 ? null : Many(r, 3, () => new Drug { Name = Pick(r, ["nivolumab", "methotrexate"]), Class = Pick(r, CaseValidator.DrugClasses), MonthsBeforeOnset = Num(r, 0, 24), Ongoing = Bool(r) }),
            Exposures = r.Next(3) == 0 ? null : Many(r, 2, () => "nitrous_oxide"),
            Surgery = r.Next(3) == 0 ? null : Many(r, 2, () => "gastrectomy"),
        }),
        Presentation = Maybe(r, () => new Presentation
        {
            OnsetTempo = Pick(r, CaseValidator.Tempos),
            HoursToNadir = Num(r, 1, 500),
            Pain = Pick(r, CaseValidator.Pains),
            Motor = Maybe(r, () => new MotorExam { RightArm = Num(r, 0, 5, 0), LeftArm = Num(r, 0, 5, 0), RightLeg = Num(r, 0, 5, 0), LeftLeg = Num(r, 0, 5, 0) }),
            SensoryLevel = Pick(r, ["T9", "", "C6"]),
            SensoryLoss = Bool(r), PosteriorColumnLoss = Bool(r), BladderDysfunction = Bool(r), BowelDysfunction = Bool(r),
            Reflexes = Pick(r, CaseValidator.Reflexes), Ambulatory = Bool(r), Syndrome = Pick(r, CaseValidator.Syndromes),
            Fever = Bool(r), Lhermitte = Bool(r), CranialNeuropathy = Bool(r), Headache = Bool(r), WorseAfterSteroidsOrExertion = Bool(r),
        }),
        Labs = Maybe(r, () => new Labs
        {
            B12PgPerMl = Num(r, 100, 900, 0), B12Low = Bool(r), CopperUgPerDl = Num(r, 30, 150, 0), CopperLow = Bool(r),
            Csf = Maybe(r, () => new Csf
            {
                WhiteCellsPerUl = Num(r, 0, 300, 0), ProteinMgPerDl = Num(r, 10, 400), GlucoseMgPerDl = Num(r, 10, 90, 0),
                Cytology = Pick(r, CaseValidator.Cytology), CytologySamples = r.Next(3) == 0 ? null : r.Next(1, 4), OligoclonalBands = Pick(r, CaseValidator.PosNeg),
            }),
            Antibodies = r.Next(3) == 0 ? null : new Dictionary<string, string> { ["aqp4"] = "negative", ["anna1"] = "positive" },
            Infection = r.Next(3) == 0 ? null : new Dictionary<string, string> { ["hsv_pcr"] = "negative" },
        }),
        Imaging = Maybe(r, () => new Imaging
        {
            Compartment = Pick(r, CaseValidator.Compartments), Levels = Pick(r, ["T12-L1", "", "C3-C5"]), LesionCount = r.Next(3) == 0 ? null : r.Next(0, 4),
            LargestLesionMm = r.Next(3) == 0 ? null : Many(r, 3, () => Math.Round(0.5 + r.NextDouble() * 40, 1)),
            T2ExtentSegments = Num(r, 0.5, 12), Enhancement = Pick(r, CaseValidator.Enhancements),
            FocalMass = Bool(r), CordEdema = Bool(r), CordExpansion = Bool(r), Hemorrhage = Bool(r), Syrinx = Bool(r), FlowVoids = Bool(r),
            GreyMatterPattern = Pick(r, CaseValidator.GreyPatterns), PosteriorColumns = Bool(r), DiffusionRestriction = Bool(r),
            BoneMetastases = Bool(r), EpiduralDisease = Bool(r), BrainMetastases = Bool(r), BrainDemyelination = Bool(r), DiscOsteophyteCompression = Bool(r),
        }),
        Findings = r.Next(3) == 0 ? null : new Dictionary<string, string> { ["rim_sign"] = Pick(r, ["present", "absent", "possible_present"]) ?? "unknown" },
        Notes = Pick(r, ["short note", "line one\nline two – ü"]),
    };
}
