using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Errors;

namespace MyeloDx.Core.Tests.Cases;

/// <summary>
/// The hand-written case binder (<see cref="CaseReader"/>) must give exactly the case the source-generated serializer
/// gives, or decline; and <see cref="CaseJson.FromReader"/> (binder, then the serializer for what it declines) must
/// give the same case or the same coded error as the serializer alone, on every case we hold and on malformed input.
/// </summary>
public class CaseReaderTests
{
    // as the batch fast path reads a line (BatchLineReader)
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = InputNormalizer.MaxJsonDepth,
    };

    private static readonly JsonSerializerOptions Strict = new(CaseJson.Options) { AllowDuplicateProperties = false };

    [Fact]
    public void Every_case_in_the_test_data_is_bound_by_the_binder_exactly_as_by_the_serializer()
    {
        var cases = AllTestCases().ToList();
        Assert.True(cases.Count >= 80, $"only {cases.Count} cases found");
        foreach (var (name, json) in cases)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var r = new Utf8JsonReader(bytes, ReaderOptions);
            r.Read();
            Assert.True(CaseReader.TryRead(ref r, out var mine), name);
            Assert.Equal(JsonTokenType.EndObject, r.TokenType);
            Assert.False(r.Read(), name);
            var theirs = JsonSerializer.Deserialize<Case>(json, Strict)!;
            AssertSame(theirs, mine!, name);
        }
    }

    [Fact]
    public void Every_property_of_the_case_records_is_known_to_the_binder()
    {
        // Every property set (found by reflection, so a field added to the records and not to the binder fails here).
        var full = (Case)Filled(typeof(Case), 0);
        var json = CaseJson.Write(full);
        var bytes = Encoding.UTF8.GetBytes(json);
        var r = new Utf8JsonReader(bytes, ReaderOptions);
        r.Read();
        Assert.True(CaseReader.TryRead(ref r, out var mine), json);
        AssertSame(JsonSerializer.Deserialize<Case>(json, Strict)!, mine!, "full case");
        Assert.Equal(json, CaseJson.Write(mine!));
    }

    [Theory]
    [InlineData("""{"patient": {"ageYears": 3}, "patient": {"ageYears": 4}}""")]
    [InlineData("""{"patient": {"ageYears": 3, "ageYears": 4}}""")]
    [InlineData("""{"patient": {"ageYear": 3}}""")]
    [InlineData("""{"Patient": {}}""")]
    [InlineData("""{"patient": {"ageYears": "3"}}""")]
    [InlineData("""{"patient": {"ecog": 1.0}}""")]
    [InlineData("""{"patient": {"ecog": 2147483648}}""")]
    [InlineData("""{"presentation": {"fever": "true"}}""")]
    [InlineData("""{"cancer": {"metastaticSites": ["bone", null]}}""")]
    [InlineData("""{"imaging": {"largestLesionMm": [1, null]}}""")]
    [InlineData("""{"treatments": {"radiotherapy": [null]}}""")]
    [InlineData("""{"findings": {"rim_sign": null}}""")]
    [InlineData("""{"findings": {"rim_sign": "present", "rim_sign": "absent"}}""")]
    [InlineData("""{"\u0070atient": {}}""")]
    [InlineData("""{"$id": "1"}""")]
    public void What_the_binder_is_unsure_of_it_declines_and_the_serializer_decides(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var r = new Utf8JsonReader(bytes, ReaderOptions);
        r.Read();
        Assert.False(CaseReader.TryRead(ref r, out _));
        Assert.Equal(Reference(json), Outcome(json));
    }

    [Fact]
    public void Random_and_malformed_cases_give_the_serializers_case_or_its_coded_error()
    {
        var declined = 0; var bound = 0;
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var json = RandomCase(new Random(seed));
            var bytes = Encoding.UTF8.GetBytes(json);
            var r = new Utf8JsonReader(bytes, ReaderOptions);
            Case? mine = null;
            bool ok;
            try { r.Read(); ok = CaseReader.TryRead(ref r, out mine); }
            catch (JsonException) { ok = false; }
            if (ok)
            {
                bound++;
                // whatever the binder accepts, the serializer accepts with the same case (read from the same position,
                // so that text after the object is left to the caller in both)
                var r2 = new Utf8JsonReader(bytes, ReaderOptions);
                r2.Read();
                var theirs = JsonSerializer.Deserialize<Case>(ref r2, Strict)!;
                AssertSame(theirs, mine!, json);
            }
            else declined++;
            var same = Reference(json) == Outcome(json);
            if (!same) throw new InvalidOperationException($"{json}\n{Reference(json)}\n{Outcome(json)}");
            return same;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3000));
        // the generator must exercise both sides
        Assert.True(bound > 300 && declined > 300, $"bound {bound}, declined {declined}");
    }

    /// <summary>What FromReader gives (a case, written out, or the error), as the batch fast path calls it.</summary>
    private static string Outcome(string json)
    {
        try
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var r = new Utf8JsonReader(bytes, ReaderOptions);
            r.Read();
            var c = CaseJson.FromReader(ref r, "case");
            return "case " + CaseJson.Write(c) + Shape(c);
        }
        catch (Exception e) { return e.GetType().Name + " " + e.Message; }
    }

    /// <summary>What the serializer alone gave before the binder existed (duplicates refused), then validation.</summary>
    private static string Reference(string json)
    {
        try
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var r = new Utf8JsonReader(bytes, ReaderOptions);
            r.Read();
            var c = JsonSerializer.Deserialize<Case>(ref r, Strict) ?? throw new InputException("MDX-IN002", "case", "the case is empty");
            CaseValidator.Validate(c, "case");
            return "case " + CaseJson.Write(c) + Shape(c);
        }
        catch (Exception e) { return e.GetType().Name + " " + e.Message; }
    }

    private static IEnumerable<(string Name, string Json)> AllTestCases()
    {
        var root = TestPaths.RepoRoot;
        foreach (var f in new[] { "tests/TestData/dev-structured.jsonl" })
            foreach (var line in File.ReadLines(Path.Combine(root, f)).Where(l => l.Trim().Length > 0))
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.TryGetProperty("case", out var c)) yield return (f + " " + doc.RootElement.GetProperty("id"), c.GetRawText());
            }
        var files = Directory.GetFiles(Path.Combine(root, "tests/TestData/decision-cases"), "*.json")
            .Concat(Directory.GetFiles(Path.Combine(root, "samples"), "*.json"))
            .Concat(Directory.GetFiles(Path.Combine(root, "tests"), "*case*.json", SearchOption.AllDirectories)
                .Where(p => !p.Contains("/bin/") && !p.Contains("/obj/") && !p.EndsWith(".bundle.json")));
        foreach (var f in files.Distinct())
        {
            var text = File.ReadAllText(f);
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (doc.RootElement.ValueKind == JsonValueKind.Object && !doc.RootElement.TryGetProperty("resourceType", out _))
                yield return (f, text);
        }
    }

    /// <summary>Same values, and the same runtime types of every collection (the serializer's List and Dictionary).</summary>
    private static void AssertSame(object? expected, object? actual, string where)
    {
        if (expected is null || actual is null) { Assert.True(expected is null && actual is null, where); return; }
        Assert.Equal(expected.GetType(), actual.GetType());
        switch (expected)
        {
            case string s: Assert.Equal(s, (string)actual); return;
            case double d: Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits((double)actual)); return;
            case int or bool: Assert.Equal(expected, actual); return;
            case IDictionary dict:
                var other = (IDictionary)actual;
                Assert.Equal(dict.Keys.Cast<object>(), other.Keys.Cast<object>());
                foreach (var k in dict.Keys) AssertSame(dict[k], other[k], where + "." + k);
                return;
            case IList list:
                var o = (IList)actual;
                Assert.Equal(list.Count, o.Count);
                for (var i = 0; i < list.Count; i++) AssertSame(list[i], o[i], where + $"[{i}]");
                return;
        }
        foreach (var p in expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
            AssertSame(p.GetValue(expected), p.GetValue(actual), where + "." + p.Name);
    }

    /// <summary>The runtime types of the collections, so that two outcomes differing only in them differ.</summary>
    private static string Shape(object? o)
    {
        if (o is null or string or double or int or bool) return "";
        if (o is IEnumerable e) return o.GetType().Name + "(" + string.Concat(e.Cast<object?>().Select(x => x is DictionaryEntry or KeyValuePair<string, string> ? "" : Shape(x))) + ")";
        return string.Concat(o.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != "EqualityContract").Select(p => Shape(p.GetValue(o))));
    }

    private static object Filled(Type t, int depth)
    {
        var u = Nullable.GetUnderlyingType(t) ?? t;
        if (u == typeof(string)) return "T10-L2";
        if (u == typeof(double)) return 2.5;
        if (u == typeof(int)) return 2;
        if (u == typeof(bool)) return true;
        if (u == typeof(IReadOnlyList<string>)) return new List<string> { "bone", "liver" };
        if (u == typeof(IReadOnlyList<double>)) return new List<double> { 13, 7.5 };
        if (u == typeof(IReadOnlyDictionary<string, string>)) return new Dictionary<string, string> { ["rim_sign"] = "present" };
        if (u.IsGenericType && u.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(u.GetGenericArguments()[0]))!;
            list.Add(Filled(u.GetGenericArguments()[0], depth + 1));
            return list;
        }
        Assert.True(depth < 5, "unexpected type " + u);
        var o = Activator.CreateInstance(u)!;
        foreach (var p in u.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            p.SetValue(o, Filled(p.PropertyType, depth + 1));
        return o;
    }

    // ---- a random case in JSON text: mostly valid values of every field, with wrong types, nulls, repeated, unknown
    // and escaped names, odd numbers, comments, trailing commas and truncation mixed in ----

    private static string RandomCase(Random rnd)
    {
        // half the cases clean (only the odd numbers), half with faults at a rate of their own
        var fault = rnd.Next(2) == 0 ? 0 : 1.0 / rnd.Next(4, 60);
        var sb = new StringBuilder();
        WriteObject(sb, typeof(Case), rnd, 0, fault);
        var s = sb.ToString();
        return (fault > 0 ? rnd.Next(40) : 2) switch
        {
            0 => s[..rnd.Next(s.Length)], // truncated
            1 => s + " x",
            _ => s,
        };
    }

    private static void WriteObject(StringBuilder sb, Type t, Random rnd, int depth, double fault)
    {
        sb.Append('{');
        var first = true;
        var props = t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();
        foreach (var p in props.OrderBy(_ => rnd.Next()))
        {
            if (rnd.Next(3) == 0) continue;
            var times = rnd.NextDouble() < fault / 4 ? 2 : 1;
            for (var k = 0; k < times; k++)
            {
                if (!first) sb.Append(", ");
                first = false;
                if (rnd.Next(80) == 0) sb.Append("/* note */ "); // comments are skipped by the reader: not a fault
                sb.Append('"').Append(rnd.NextDouble() < fault / 4 ? Misnamed(JsonNamingPolicy.CamelCase.ConvertName(p.Name), rnd) : JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Append("\": ");
                WriteValue(sb, p.PropertyType, rnd, depth + 1, fault);
            }
        }
        if (rnd.NextDouble() < fault / 4) { if (!first) sb.Append(", "); sb.Append("\"unknownField\": 1"); first = false; }
        if (!first && rnd.Next(30) == 0) sb.Append(','); // trailing commas are allowed: not a fault
        sb.Append('}');
    }

    private static string Misnamed(string name, Random rnd) => rnd.Next(3) switch
    {
        0 => char.ToUpperInvariant(name[0]) + name[1..],
        1 => "\\u" + ((int)name[0]).ToString("x4") + name[1..], // the same name, escaped: the serializer accepts it
        _ => name + "s",
    };

    private static readonly string[] Words = ["female", "male", "breast", "lung", "T10-L2", "T9", "weeks", "days", "back", "intramedullary", "epidural", "nodular", "none", "positive", "negative", "sbrt", "conventional", "chemotherapy", "present", "absent", "x", "", "whole brain", "C5-T1", "brisk", "paraparesis", "owl_eyes", "therapeutic"];

    private static void WriteValue(StringBuilder sb, Type t, Random rnd, int depth, double fault)
    {
        // a value of the wrong kind (or null)
        if (rnd.NextDouble() < fault) { WriteAnything(sb, rnd, depth); return; }
        var u = Nullable.GetUnderlyingType(t) ?? t;
        if (u == typeof(string)) sb.Append('"').Append(Words[rnd.Next(Words.Length)]).Append('"');
        else if (u == typeof(double)) sb.Append(Number(rnd));
        else if (u == typeof(int)) sb.Append(rnd.NextDouble() < fault ? Number(rnd) : rnd.Next(-2, 110).ToString());
        else if (u == typeof(bool)) sb.Append(rnd.Next(2) == 0 ? "true" : "false");
        else if (u == typeof(IReadOnlyDictionary<string, string>))
        {
            sb.Append('{');
            var n = rnd.Next(4);
            for (var i = 0; i < n; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append('"').Append(new[] { "rim_sign", "aqp4", "mog", "vzv_pcr", "blood_culture" }[rnd.Next(5)]).Append("\": ");
                if (rnd.NextDouble() < fault) WriteAnything(sb, rnd, depth); else sb.Append('"').Append(new[] { "present", "absent", "positive", "negative", "x" }[rnd.Next(5)]).Append('"');
            }
            sb.Append('}');
        }
        else if (u.IsGenericType && u.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            sb.Append('[');
            var n = rnd.Next(4);
            for (var i = 0; i < n; i++)
            {
                if (i > 0) sb.Append(", ");
                if (rnd.NextDouble() < fault) WriteAnything(sb, rnd, depth); else WriteValue(sb, u.GetGenericArguments()[0], rnd, depth + 1, fault);
            }
            if (n > 0 && rnd.Next(30) == 0) sb.Append(','); // allowed
            sb.Append(']');
        }
        else WriteObject(sb, u, rnd, depth, fault);
    }

    private static string Number(Random rnd) => rnd.Next(14) switch
    {
        0 => "-0",
        1 => "1e400",
        2 => "2147483648",
        3 => "1.0",
        4 => "6.02e1",
        5 => "-3",
        6 => "0.1",
        7 => "1E-7",
        8 => "123456789012345678901234567890",
        _ => (rnd.Next(0, 2000) / 10.0).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static void WriteAnything(StringBuilder sb, Random rnd, int depth)
    {
        switch (rnd.Next(depth > 6 ? 6 : 8))
        {
            case 0: sb.Append("null"); break;
            case 1: sb.Append("\"3\""); break;
            case 2: sb.Append(Number(rnd)); break;
            case 3: sb.Append("true"); break;
            case 4: sb.Append("\"a\\\"b\\u00e9\""); break;
            case 5: sb.Append("[]"); break;
            case 6: sb.Append("{\"a\": [1, {\"b\": null}]}"); break;
            default: sb.Append("[null, \"x\", 2]"); break;
        }
    }
}
