using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace MyeloDx.Web.Tests;

/// <summary>
/// FsCheck generators for hostile input: clinical words mixed with digits from other scripts, lone surrogates,
/// NUL and control characters, bidi and zero-width marks, JSON metacharacters, deep nesting, and mutations of valid
/// cases, FHIR Bundles and dose plans.
/// </summary>
internal static class FuzzGenerators
{
    private static readonly string[] Words =
    [
        "weakness", "legs", "arms", "numbness", "back pain", "T8", "C5-C6", "L1", "metastasis", "breast cancer", "lung cancer",
        "prostate", "myeloma", "MRI", "epidural", "intramedullary", "enhancement", "no", "not", "denies", "possible", "history of",
        "Gy", "cGy", "fractions", "fx", "radiotherapy", "SBRT", "pembrolizumab", "nivolumab", "B12", "copper", "CSF", "fever",
        "bladder", "retention", "sensory level", "paraparesis", "4/5", "MRC", "days", "weeks", "months ago", "years old", "woman", "man",
        "\n", "\r\n", "\t", ".", ",", ";", ":", "(", ")", "-", "/", "x", "×", "%", "~", "≥", "<",
    ];

    private static readonly string[] Hostile =
    [
        "\0", "\u0001", "\u0007", "\u001b[31m", "\u007f", "\u0085", "\u2028", "\u2029", "\u200b", "\u200d", "\u202e", "\u2066",
        "\ufeff", "\ufffd", "\ufffe", "\uffff", "\ud800", "\udc00", "\udbff", "\ud83d\ude00", "\ud83d", "e\u0301", "\u0338",
        "\"", "\\", "\\u0000", "\\ud800", "{", "}", "[", "]", "</script>", "' OR 1=1 --", "%00", "%s%n", "${jndi:x}",
        "ﬁ", "Ⅻ", "①", "½", "²", "㎏", "ｍｇ", "ＧＹ", "\u00a0", "\u3000",
    ];

    /// <summary>Digits in several scripts, with decimal points and commas in every position.</summary>
    public static Gen<string> Number() =>
        from script in Gen.Elements('0', '\uff10', '\u0660', '\u06f0', '\u0966', '\u09e6', '\u0e50', '\u1040')
        from count in Gen.Choose(1, 6)
        from digits in Gen.ListOf(Gen.Choose(0, 9), count)
        from sep in Gen.Elements("", "", ".", ",", ",", "٫", "..", ",,")
        from more in Gen.ListOf(Gen.Choose(0, 9))
        from sign in Gen.Elements("", "", "-", "+", "−")
        select sign + Digits(script, digits) + (more.Count > 0 ? sep + Digits(script, more) : "");

    private static string Digits(char zero, IEnumerable<int> ds) => string.Concat(ds.Select(d => (char)(zero + d)));

    public static Gen<string> Fragment() =>
        Gen.Frequency(
            (6, Gen.Elements(Words)),
            (3, Number()),
            (3, Gen.Elements(Hostile)),
            (1, Gen.Choose(0, 0xFFFF).Select(c => ((char)c).ToString())),
            (1, Gen.Choose(1, 300).Select(n => new string('a', n))));

    /// <summary>Free text: 0-60 fragments joined by spaces (or not).</summary>
    public static Gen<string> Text() =>
        from parts in Gen.ListOf(Fragment()).Resize(60)
        from glue in Gen.Elements(" ", " ", "", "\n")
        select string.Join(glue, parts);

    public static Gen<string> DosePlan() =>
        from total in Number()
        from unit in Gen.Elements("Gy", "cGy", "GY", "gy", "Gy(RBE)", "", "mGy", "Ｇｙ", "G y")
        from sep in Gen.Elements("/", " in ", " x ", " × ", ",", " over ", "/ ", "//", " per ")
        from n in Number()
        from tail in Gen.Elements("", " fractions", "#", " fx", " single fraction", " once", " to 50.4 Gy", "\0", "\ud800")
        from extra in Gen.Frequency((5, Gen.Constant("")), (1, Fragment()))
        select total + " " + unit + sep + n + tail + extra;

    /// <summary>Any JSON value, up to a few levels deep, with hostile strings and numbers.</summary>
    public static Gen<JsonNode?> Value(int depth) =>
        depth <= 0
            ? Gen.Frequency(
                (2, Gen.Constant<JsonNode?>(null)),
                (2, Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b))),
                (3, Gen.Choose(-1000, 100000).Select(i => (JsonNode?)JsonValue.Create(i))),
                (2, Gen.Elements(0.5, -0.0, 1e308, -1e-308, 4.9e-324, 150.0001).Select(d => (JsonNode?)JsonValue.Create(d))),
                (4, Text().Resize(6).Select(s => (JsonNode?)JsonValue.Create(s))))
            : Gen.Frequency(
                (4, Value(0)),
                (1, Gen.ListOf(Value(depth - 1)).Resize(4).Select(l => (JsonNode?)new JsonArray(l.Select(x => x?.DeepClone()).ToArray()))),
                (1, Object(depth - 1).Select(o => (JsonNode?)o)));

    private static readonly string[] Keys =
    [
        "patient", "cancer", "treatments", "presentation", "labs", "imaging", "findings", "notes", "ageYears", "sex", "primarySite",
        "metastaticSites", "radiotherapy", "totalDoseGy", "fractions", "monthsBeforeOnset", "onsetTempo", "motor", "levels",
        "compartment", "epiduralDisease", "text", "case", "resourceType", "id", "title", "priorContext", "plans", "alphaBeta",
        "hook", "prefetch", "user", "x", "", "\u0000", "\ud800", "ageYears\u0000",
    ];

    public static Gen<JsonObject> Object(int depth) =>
        from keys in Gen.ListOf(Gen.Frequency((5, Gen.Elements(Keys)), (1, Text().Resize(3)))).Resize(6)
        from values in Gen.ListOf(Value(depth), keys.Count)
        select Build(keys, values);

    private static JsonObject Build(IReadOnlyList<string> keys, IReadOnlyList<JsonNode?> values)
    {
        var o = new JsonObject();
        for (var i = 0; i < keys.Count; i++) o[keys[i]] = values[i]?.DeepClone();
        return o;
    }

    /// <summary>A valid document with 1-6 random edits: a fragment inserted, a span deleted, a span duplicated.</summary>
    public static Gen<string> Mutation(string valid) =>
        from count in Gen.Choose(1, 6)
        from edits in Gen.ListOf(
            from kind in Gen.Choose(0, 3)
            from at in Gen.Choose(0, valid.Length)
            from len in Gen.Choose(1, 40)
            from frag in Fragment()
            select (kind, at, len, frag), count)
        select Apply(valid, edits);

    private static string Apply(string s, IEnumerable<(int Kind, int At, int Len, string Frag)> edits)
    {
        var sb = new StringBuilder(s);
        foreach (var (kind, at0, len0, frag) in edits)
        {
            var at = Math.Min(at0, sb.Length);
            var len = Math.Min(len0, sb.Length - at);
            switch (kind)
            {
                case 0: sb.Insert(at, frag); break;
                case 1: sb.Remove(at, len); break;
                case 2: sb.Insert(at, sb.ToString(at, len)); break;
                default: sb.Remove(at, len).Insert(at, frag); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>A case body: a mutated valid case, a random object, a text wrapper, or a case wrapper.</summary>
    public static Gen<string> CaseJson(string validCase) =>
        Gen.Frequency(
            (3, Mutation(validCase)),
            (3, Object(3).Select(o => o.ToJsonString())),
            (2, Text().Select(t => new JsonObject { ["text"] = t }.ToJsonString())),
            (1, Object(2).Select(o => new JsonObject { ["case"] = o, ["title"] = "t\u0000" }.ToJsonString())),
            (1, Gen.Choose(60, 200).Select(d => new string('[', d) + new string(']', d))));

    public static Gen<string> Bundle(string validBundle) =>
        Gen.Frequency(
            (4, Mutation(validBundle)),
            (2, from bd in Gen.Elements("1980", "1980-06", "1980-13", "19", "", "1980-02-30", "٢٠٠٠", "2999-01-01", "\u0000")
                select validBundle.Replace("\"resourceType\": \"Patient\"", $"\"resourceType\": \"Patient\", \"birthDate\": \"{bd}\"")
                                  .Replace("\"resourceType\":\"Patient\"", $"\"resourceType\":\"Patient\",\"birthDate\":\"{bd}\"")),
            (1, Object(3).Select(o => { o["resourceType"] = "Bundle"; return o.ToJsonString(); })));
}
