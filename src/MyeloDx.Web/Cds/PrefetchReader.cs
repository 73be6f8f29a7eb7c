using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Services;
using MyeloDx.Web.Input;

namespace MyeloDx.Web.Cds;

/// <summary>What came out of a CDS Hooks prefetch: the case input (when one could be built) and the problems met.</summary>
internal sealed record PrefetchResult(CaseInput? Input, IReadOnlyList<string> Problems, int ResourceCount, string Route);

/// <summary>
/// Turns CDS Hooks prefetch (FHIR R4 Patient, Conditions, Observations, Procedures, DiagnosticReports; each a resource
/// or a searchset Bundle) into a case. With the FHIR importer the resources go through it as one Bundle; otherwise they are
/// restated as a short note for the text reader. Resources that cannot be read are reported, never guessed at.
/// </summary>
internal sealed class PrefetchReader(CaseReaders readers, TimeProvider time)
{
    public static readonly string[] Types = ["Patient", "Condition", "Observation", "Procedure", "DiagnosticReport", "ImagingStudy", "MedicationStatement", "DocumentReference"];

    /// <param name="normalised">True when <paramref name="prefetch"/> comes from JSON that went through the shared
    /// normalisation (<see cref="BodyLimit.ReadNormalised"/>): the Bundle built from it then skips a second pass.</param>
    public PrefetchResult Read(JsonElement prefetch, string? fhirServer = null, bool normalised = false)
    {
        var problems = new List<string>();
        var resources = new List<JsonElement>();
        var fullUrls = new List<string?>();
        foreach (var p in prefetch.EnumerateObject())
        {
            var v = p.Value;
            if (v.ValueKind == JsonValueKind.Null) { problems.Add($"prefetch '{p.Name}' is empty"); continue; }
            if (v.ValueKind != JsonValueKind.Object || !v.TryGetProperty("resourceType", out var rt) || rt.ValueKind != JsonValueKind.String)
            {
                problems.Add($"prefetch '{p.Name}' is not a FHIR resource");
                continue;
            }
            if (rt.GetString() == "Bundle")
            {
                if (v.TryGetProperty("entry", out var entries) && entries.ValueKind == JsonValueKind.Array)
                    foreach (var e in entries.EnumerateArray())
                        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("resource", out var r))
                            Add(r, p.Name, e.TryGetProperty("fullUrl", out var fu) && fu.ValueKind == JsonValueKind.String ? fu.GetString() : null, resources, fullUrls, problems);
            }
            else Add(v, p.Name, null, resources, fullUrls, problems);
        }
        if (resources.Count == 0) return new(null, problems.Append("no readable FHIR resources in the prefetch").ToList(), 0, "none");

        // Coded resources go through the FHIR importer; narrative (report conclusions, notes, code text) through the
        // text reader. Both are tried, and the reading that found more evidence is used.
        CaseInput? fromFhir = null, fromText = null;
        {
            // Keep each entry's fullUrl; a bare resource (prefetch "patient") is placed on the EHR's FHIR server so
            // that relative references such as "Patient/123" resolve.
            var server = (fhirServer ?? "https://ehr.invalid/fhir").TrimEnd('/');
            var present = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < resources.Count; i++)
                if (resources[i].TryGetProperty("id", out var rid) && rid.ValueKind == JsonValueKind.String)
                    present.Add($"{resources[i].GetProperty("resourceType").GetString()}/{rid.GetString()}");
            var urls = new string?[resources.Count];
            for (var i = 0; i < resources.Count; i++)
            {
                var r = resources[i];
                urls[i] = fullUrls[i] ?? (r.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? $"{server}/{r.GetProperty("resourceType").GetString()}/{id.GetString()}" : null);
            }
            // Normalised JSON has no name twice in one object, the one thing the tree reacted to (it throws) and the
            // writer would not: only then is the Bundle written straight from the elements.
            // (as UTF-8 straight to the importer: the Bundle is about the size of the prefetch, 20-60 KB, which a string doubles)
            try
            {
                fromFhir = normalised
                    ? readers.FromNormalisedFhirUtf8(PrefetchBundle.WriteUtf8(resources, urls, present, server, SizeHint(prefetch)), "prefetch")
                    : readers.FromFhir(TreeBundle(resources, urls, present, server), "prefetch");
            }
            catch (InputException e) { problems.Add($"FHIR import: {e.OneLine}"); }
        }
        {
            var note = Narrative(resources, problems);
            if (note.Length > 0)
            {
                try { fromText = readers.FromText(note, "prefetch"); }
                catch (InputException e) { problems.Add($"text: {e.OneLine}"); }
            }
        }
        if (fromFhir is null && fromText is null)
        {
            problems.Add("the prefetch holds no clinical content MyeloDx can read");
            return new(null, problems, resources.Count, "none");
        }
        var useText = fromFhir is null || (fromText is not null && fromText.Observations.Count > fromFhir.Observations.Count);
        return useText ? new(fromText, problems, resources.Count, "text") : new(fromFhir, problems, resources.Count, "fhir");
    }

    /// <summary>The prefetch's own size and an eighth for references made absolute: the Bundle's buffer then rarely grows.</summary>
    private static int SizeHint(JsonElement prefetch)
    {
        var n = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(prefetch).Length;
        return n + n / 8;
    }

    /// <summary>
    /// The Bundle through a JSON tree, for a body that did not go through the normalisation. A serialisation edge: the
    /// resources are the EHR's own FHIR JSON, of any shape, re-wrapped as a Bundle with their references rewritten in
    /// place; there is no type of ours to bind them to. <see cref="PrefetchBundle"/> writes the same text without the tree.
    /// </summary>
    internal static string TreeBundle(IReadOnlyList<JsonElement> resources, IReadOnlyList<string?> urls, HashSet<string> present, string server)
    {
        var entries = new JsonArray();
        for (var i = 0; i < resources.Count; i++)
        {
            var entry = new JsonObject();
            if (urls[i] is { } url) entry["fullUrl"] = url;
            // a tree over the element itself (the request's document outlives this call), not a parse of its text
            var node = (JsonNode)JsonObject.Create(resources[i])!;
            PointOutside(node, present, server);
            entry["resource"] = node;
            entries.Add(entry);
        }
        return new JsonObject { ["resourceType"] = "Bundle", ["type"] = "collection", ["entry"] = entries }.ToJsonString();
    }

    /// <summary>
    /// A relative reference to something the prefetch did not include (an ImagingStudy, an Encounter, a Practitioner)
    /// is normal in an EHR: it becomes an absolute reference on the EHR's server instead of a broken one.
    /// </summary>
    private static void PointOutside(JsonNode node, HashSet<string> present, string server)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["reference"] is JsonValue v && v.TryGetValue<string>(out var s) && PointsOutside(s, present)) o["reference"] = $"{server}/{s}";
                foreach (var (_, child) in o.ToList()) if (child is not null) PointOutside(child, present, server);
                break;
            case JsonArray a:
                foreach (var child in a) if (child is not null) PointOutside(child, present, server);
                break;
        }
    }

    /// <summary>True for a relative reference (not local, not a URN or URL) to a resource the prefetch does not hold.</summary>
    internal static bool PointsOutside(string s, HashSet<string> present)
    {
        if (s.Length == 0 || s[0] == '#' || s.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) || s.StartsWith("http", StringComparison.OrdinalIgnoreCase)) return false;
        var parts = s.Split('/');
        return parts.Length >= 2 && !present.Contains($"{parts[0]}/{parts[1]}");
    }

    private static void Add(JsonElement r, string key, string? fullUrl, List<JsonElement> into, List<string?> urls, List<string> problems)
    {
        if (r.ValueKind != JsonValueKind.Object || !r.TryGetProperty("resourceType", out var t) || t.ValueKind != JsonValueKind.String)
        {
            problems.Add($"prefetch '{key}': an entry is not a FHIR resource");
            return;
        }
        var type = t.GetString()!;
        if (type == "OperationOutcome") { problems.Add($"prefetch '{key}': the EHR returned an OperationOutcome"); return; }
        if (!Types.Contains(type)) { problems.Add($"prefetch '{key}': {type} is not used"); return; }
        into.Add(r);  // no Clone: the caller keeps the request's document until the result is built
        urls.Add(fullUrl);
    }

    /// <summary>The resources restated as plain sentences, one per resource, in a stable order.</summary>
    internal string Narrative(IReadOnlyList<JsonElement> resources, List<string> problems)
    {
        var sb = new StringBuilder();
        var now = time.GetUtcNow();
        foreach (var type in Types)
            foreach (var r in resources.Where(x => x.GetProperty("resourceType").GetString() == type))
            {
                try
                {
                    var line = type switch
                    {
                        "Patient" => PatientLine(r, now),
                        "Condition" => Join("Known condition: ", Concept(r, "code"), Sites(r), When(r, "onsetDateTime", now), Status(r, "clinicalStatus"), Notes(r)),
                        // the code and its value as a label and its result ("Epidural tumour: absent"): a semicolon between them
                        // would end the result's reach, so a denied finding was read as present
                        "Observation" => Join("Finding: ", Labelled(Concept(r, "code"), Value(r)), Sites(r), When(r, "effectiveDateTime", now), Notes(r)),
                        "Procedure" => Join("Treatment: ", Concept(r, "code"), Sites(r), Performed(r, now), Notes(r)),
                        "DiagnosticReport" => Join("", Concept(r, "code") is { } c ? c + " report" : "Report", When(r, "effectiveDateTime", now), Str(r, "conclusion"), PresentedText(r)),
                        "MedicationStatement" => Join("Medication: ", Concept(r, "medicationCodeableConcept"), Str(r, "status"), Notes(r)),
                        "DocumentReference" => DocumentText(r),
                        _ => null,
                    };
                    if (!string.IsNullOrWhiteSpace(line)) sb.Append(line.TrimEnd().TrimEnd('.')).Append(".\n");
                }
                catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException or ArgumentException)
                {
                    problems.Add($"a {type} could not be read ({e.GetType().Name})");
                }
            }
        return sb.ToString().Trim();
    }

    private static string? PatientLine(JsonElement r, DateTimeOffset now)
    {
        string? age = null;
        if (Str(r, "birthDate") is { } bd && DateOnly.TryParse(bd.Length == 4 ? bd + "-07-01" : bd.Length == 7 ? bd + "-15" : bd, CultureInfo.InvariantCulture, out var b))
        {
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var years = today.Year - b.Year - (today < b.AddYears(today.Year - b.Year) ? 1 : 0);
            if (years is >= 0 and < 130) age = years.ToString(CultureInfo.InvariantCulture) + "-year-old";
        }
        var who = Str(r, "gender") switch { "female" => "woman", "male" => "man", _ => "patient" };
        return age is null && who == "patient" ? null : $"The patient is a {(age is null ? "" : age + " ")}{who}";
    }

    private static string? Labelled(string? label, string? value) =>
        label is null ? value : value is null ? label : label + ": " + value;

    private static string? Join(string prefix, params string?[] parts)
    {
        var p = parts.Where(x => !string.IsNullOrWhiteSpace(x)).ToArray();
        return p.Length == 0 ? null : prefix + string.Join("; ", p);
    }

    private static string? Str(JsonElement r, string name) =>
        r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A CodeableConcept's text, else its first coding's display.</summary>
    private static string? Concept(JsonElement r, string name) => r.TryGetProperty(name, out var c) ? ConceptText(c) : null;

    private static string? ConceptText(JsonElement c)
    {
        if (c.ValueKind != JsonValueKind.Object) return null;
        if (Str(c, "text") is { Length: > 0 } t) return t;
        if (c.TryGetProperty("coding", out var codings) && codings.ValueKind == JsonValueKind.Array)
            foreach (var cd in codings.EnumerateArray())
                if (cd.ValueKind == JsonValueKind.Object && Str(cd, "display") is { Length: > 0 } d) return d;
        return null;
    }

    private static string? Sites(JsonElement r)
    {
        if (!r.TryGetProperty("bodySite", out var bs)) return null;
        var items = bs.ValueKind == JsonValueKind.Array ? bs.EnumerateArray().Select(ConceptText) : [ConceptText(bs)];
        var s = string.Join(", ", items.Where(x => x is not null));
        return s.Length == 0 ? null : "site " + s;
    }

    private static string? Status(JsonElement r, string name) => Concept(r, name) is { } s && s != "active" ? s : null;

    private static string? Notes(JsonElement r)
    {
        if (!r.TryGetProperty("note", out var n) || n.ValueKind != JsonValueKind.Array) return null;
        var s = string.Join(" ", n.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Object ? Str(x, "text") : null).Where(x => x is not null));
        return s.Length == 0 ? null : s;
    }

    private static string? Value(JsonElement r)
    {
        if (r.TryGetProperty("valueQuantity", out var q) && q.ValueKind == JsonValueKind.Object && q.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number)
            {
            var unit = Str(q, "unit") ?? Str(q, "code");
            return v.GetDouble().ToString(CultureInfo.InvariantCulture) + (unit is null ? "" : " " + unit);
        }
        if (Str(r, "valueString") is { } s) return s;
        if (r.TryGetProperty("valueCodeableConcept", out var cc)) return ConceptText(cc);
        if (r.TryGetProperty("valueBoolean", out var b) && b.ValueKind is JsonValueKind.True or JsonValueKind.False) return b.GetBoolean() ? "present" : "absent";
        if (Concept(r, "interpretation") is { } i) return i;
        return null;
    }

    private static string? When(JsonElement r, string name, DateTimeOffset now) => Str(r, name) is { } d ? Ago(d, now) : null;

    private static string? Performed(JsonElement r, DateTimeOffset now)
    {
        if (Str(r, "performedDateTime") is { } d) return Ago(d, now);
        if (r.TryGetProperty("performedPeriod", out var p) && p.ValueKind == JsonValueKind.Object)
            return Str(p, "end") is { } end ? "completed " + Ago(end, now) : Str(p, "start") is { } st ? "started " + Ago(st, now) : null;
        return null;
    }

    /// <summary>A date as "N months ago", which the text reader understands as an interval before now.</summary>
    private static string? Ago(string date, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(date.Length == 10 ? date + "T00:00:00Z" : date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)) return null;
        var days = (now - d).TotalDays;
        if (days < 0) return null;
        if (days < 14) return $"{Math.Round(days):0} days ago";
        if (days < 60) return $"{Math.Round(days / 7):0} weeks ago";
        var months = Math.Round(days / 30.44);
        return months < 24 ? $"{months:0} months ago" : $"{Math.Round(days / 365.25):0} years ago";
    }

    private static string? PresentedText(JsonElement r)
    {
        if (!r.TryGetProperty("presentedForm", out var pf) || pf.ValueKind != JsonValueKind.Array) return null;
        return string.Join(" ", pf.EnumerateArray().Select(AttachmentText).Where(x => x is not null));
    }

    private static string? DocumentText(JsonElement r)
    {
        if (!r.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array) return null;
        var s = string.Join("\n", content.EnumerateArray()
            .Select(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("attachment", out var a) ? AttachmentText(a) : null)
            .Where(x => x is not null));
        return s.Length == 0 ? null : s;
    }

    private static string? AttachmentText(JsonElement a)
    {
        if (a.ValueKind != JsonValueKind.Object) return null;
        var type = Str(a, "contentType") ?? "";
        if (!type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) || Str(a, "data") is not { } data) return null;
        try { return Encoding.UTF8.GetString(Convert.FromBase64String(data)); }
        catch (FormatException) { return null; }
    }
}
