using Hl7.Fhir.Model;
using static MyeloDx.Fhir.FhirCodes;

namespace MyeloDx.Fhir;

/// <summary>
/// StructureDefinitions of MyeloDx's own FHIR extensions (differentials), so that validators can check them and
/// receivers can read what they mean. <see cref="FhirValidator"/> loads them beside the core specification.
/// </summary>
public static class ExtensionDefinitions
{
    public static IReadOnlyList<StructureDefinition> All() =>
    [
        Simple(ExtMonthsBeforeOnset, "MonthsBeforeMyelopathyOnset", "Time from this event to the onset of the cord symptoms, in months", "Quantity", "Condition", "Procedure", "MedicationStatement"),
        Simple(ExtTumourGrade, "TumourGrade", "Histological grade of the primary tumour (1-4)", "integer", "Condition"),
        Simple(ExtCancerStatus, "CancerStatus", "MyeloDx cancer status: active, progressing, stable, remission, new_diagnosis or none_known", "code", "Condition"),
        Simple(ExtVertebralLevels, "VertebralLevels", "Vertebral levels inside the radiotherapy field, e.g. T10-L2", "string", "Procedure"),
        Simple(ExtCordInField, "CordInField", "Whether the affected spinal cord lay inside this radiotherapy field", "boolean", "Procedure"),
        Simple(ExtTechnique, "RadiotherapyTechnique", "Radiotherapy technique: conventional, sbrt, srs, proton or brachytherapy", "code", "Procedure"),
        Simple(ExtCordMaxDose, "CordMaxDose", "Maximum physical dose to the spinal cord stated by the plan, in Gy", "Quantity", "Procedure"),
        DoseDelivered(),
    ];

    private static StructureDefinition Header(string url, string name, string title, params string[] contexts) => new()
    {
        Url = url,
        Name = name,
        Title = title,
        Status = PublicationStatus.Active,
        FhirVersion = FHIRVersion.N4_0_1,
        Kind = StructureDefinition.StructureDefinitionKind.ComplexType,
        Abstract = false,
        Context = contexts.Select(c => new StructureDefinition.ContextComponent { Type = StructureDefinition.ExtensionContextType.Element, Expression = c }).ToList(),
        Type = "Extension",
        BaseDefinition = "http://hl7.org/fhir/StructureDefinition/Extension",
        Derivation = StructureDefinition.TypeDerivationRule.Constraint,
    };

    private static ElementDefinition E(string id, Action<ElementDefinition>? set = null)
    {
        var path = string.Join('.', id.Split('.').Select(p => p.Split(':')[0]));
        var e = new ElementDefinition { ElementId = id, Path = path };
        set?.Invoke(e);
        return e;
    }

    private static List<ElementDefinition.TypeRefComponent> T(string code) => [new ElementDefinition.TypeRefComponent { Code = code }];

    private static StructureDefinition Simple(string url, string name, string title, string valueType, params string[] contexts)
    {
        var sd = Header(url, name, title, contexts);
        sd.Differential = new StructureDefinition.DifferentialComponent
        {
            Element =
            [
                E("Extension", e => { e.Short = title; e.Definition = title; }),
                E("Extension.extension", e => e.Max = "0"),
                E("Extension.url", e => e.Fixed = new FhirUri(url)),
                E("Extension.value[x]", e => { e.Min = 1; e.Type = T(valueType); }),
            ],
        };
        return sd;
    }

    /// <summary>Shaped like mCODE's dose-delivered-to-volume (total dose and fractions), without its volume reference.</summary>
    private static StructureDefinition DoseDelivered()
    {
        const string title = "Dose delivered by a radiotherapy course: total physical dose (Gy) and number of fractions";
        var sd = Header(ExtDoseDelivered, "DoseDelivered", title, "Procedure");
        var elements = new List<ElementDefinition>
        {
            E("Extension", e => { e.Short = title; e.Definition = title; }),
            E("Extension.extension", e =>
            {
                e.Slicing = new ElementDefinition.SlicingComponent
                {
                    Discriminator = [new ElementDefinition.DiscriminatorComponent { Type = ElementDefinition.DiscriminatorType.Value, Path = "url" }],
                    Rules = ElementDefinition.SlicingRules.Open,
                };
                e.Min = 1;
            }),
        };
        foreach (var (slice, type, text) in new[] { ("totalDoseDelivered", "Quantity", "Total physical dose in Gy"), ("fractionsDelivered", "unsignedInt", "Number of fractions") })
        {
            elements.Add(E($"Extension.extension:{slice}", e => { e.SliceName = slice; e.Min = 0; e.Max = "1"; e.Short = text; e.Definition = text; }));
            elements.Add(E($"Extension.extension:{slice}.extension", e => e.Max = "0"));
            elements.Add(E($"Extension.extension:{slice}.url", e => e.Fixed = new FhirUri(slice)));
            elements.Add(E($"Extension.extension:{slice}.value[x]", e => { e.Min = 1; e.Type = T(type); }));
        }
        elements.Add(E("Extension.url", e => e.Fixed = new FhirUri(ExtDoseDelivered)));
        elements.Add(E("Extension.value[x]", e => e.Max = "0"));
        sd.Differential = new StructureDefinition.DifferentialComponent { Element = elements };
        return sd;
    }
}
