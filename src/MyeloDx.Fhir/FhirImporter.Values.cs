using Hl7.Fhir.Model;
using MyeloDx.Core.Errors;
using static MyeloDx.Fhir.FhirCodes;

namespace MyeloDx.Fhir;

/// <summary>Reading FHIR values (quantities with unit conversion, codes, booleans, months before onset) with located errors.</summary>
public static partial class FhirImporter
{
    private sealed partial class Reader
    {
        // ---------- values ----------

        private static double? Number(DataType? v, string at, string path, string? unit = null) => v switch
        {
            null => null,
            Quantity q when q.Value is { } d => Convert(q, (double)d, unit, at, path),
            Integer i when i.Value is { } n => n,
            FhirDecimal dd when dd.Value is { } d2 => (double)d2,
            _ => throw Bad(at, path, "a number"),
        };

        /// <summary>Converts units MyeloDx meets in practice to the case model's; anything else is refused, never guessed.</summary>
        private static double Convert(Quantity q, double value, string? expected, string at, string path)
        {
            var u = q.Code ?? q.Unit;
            if (expected is null || u is null || u == expected) return value;
            double? factor = (expected, u) switch
            {
                ("mg/dL", "g/L") => 100,
                ("mg/dL", "mg/L") => 0.1,
                ("mg/dL", "g/dL") => 1000,
                ("mg/dL", "mmol/L") when path.Contains("glucose", StringComparison.OrdinalIgnoreCase) => 18.016, // glucose 180.16 g/mol
                ("pg/mL", "ng/L") => 1,
                ("pg/mL", "pmol/L") => 1.3554, // cobalamin 1355.4 g/mol
                ("ug/dL", "µg/dL") => 1,
                ("a", "mo") => 1.0 / 12,
                ("/uL", "/mm3") or ("/uL", "10*6/L") => 1,
                ("10*9/L", "10*3/uL") or ("10*9/L", "10*3/mm3") => 1, // platelets: the same count in US units
                _ => null,
            };
            if (factor is null) throw new InputException("MDX-FH011", $"{at} {path}", $"unit '{Short(u)}' not understood (expected {expected})");
            return value * factor.Value;
        }

        private static int? Whole(double? x, string at, string path) =>
            x is not { } d ? null : d == Math.Round(d) && Math.Abs(d) < int.MaxValue ? (int)d : throw Bad(at, path, "a whole number");

        private static bool? Bool(DataType? v, string at, string path) => v switch
        {
            null => null,
            FhirBoolean b => b.Value,
            _ => throw Bad(at, path, "a boolean"),
        };

        /// <summary>The case value of a coded answer: MyeloDx's code, else SNOMED positive/negative, else its text.</summary>
        private static string? CodedValue(DataType? v, string at, string path)
        {
            switch (v)
            {
                case null: return null;
                case CodeableConcept cc:
                    if (CodeIn(cc, CaseValue) is { } own) return own;
                    if (CodeIn(cc, Snomed) is { } sct) return sct == SctPositive ? "positive" : sct == SctNegative ? "negative" : cc.Text?.ToLowerInvariant();
                    if (CodeIn(cc, Interpretation) is { } interp) return interp is "POS" or "DET" ? "positive" : interp is "NEG" or "ND" ? "negative" : null;
                    return cc.Text?.Trim().ToLowerInvariant().Replace(' ', '_');
                case FhirString s: return s.Value?.Trim().ToLowerInvariant().Replace(' ', '_');
                case Code c: return c.Value;
                case FhirBoolean b: return b.Value is { } x ? (x ? "positive" : "negative") : null;
                default: throw Bad(at, path, "a coded value");
            }
        }

        private static string? Text(DataType? v, string at, string path) => v switch
        {
            null => null,
            FhirString s => s.Value,
            FhirBoolean { Value: false } => "", // "none" (no sensory level, no lesion levels)
            CodeableConcept cc => cc.Text,
            _ => throw Bad(at, path, "text"),
        };

        private static bool? PosNeg(string? v, string at, string path) => v switch
        {
            null => null,
            "positive" => true,
            "negative" => false,
            _ => throw Bad(at, path, "positive or negative"),
        };

        private static double? MonthsBefore(IEnumerable<Extension> ext, string at)
        {
            var e = ext.FirstOrDefault(x => x.Url == ExtMonthsBeforeOnset);
            return e is null ? null : e.Value is Quantity q && q.Value is { } d ? Convert(q, (double)d, "mo", at, "monthsBeforeOnset") : throw Bad(at, "monthsBeforeOnset", "a quantity in months");
        }

    }
}
