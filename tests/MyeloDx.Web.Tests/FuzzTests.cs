using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Knowledge;
using MyeloDx.Web.Input;
using Xunit.Abstractions;

namespace MyeloDx.Web.Tests;

/// <summary>
/// Generated hostile input through every entry: free text, case JSON, FHIR Bundles and dose plans in process (the
/// same readers the CLI, batch and REST use), and HTTP bodies against the web app. Anything but a coded
/// <see cref="InputException"/> in process, or a 500 over HTTP, is an internal error; there must be none.
/// The normal run generates <see cref="DefaultInputs"/>; MYELODX_FUZZ_INPUTS scales it (bench/fuzz.sh runs 100,000).
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : IDisposable
{
    public const int DefaultInputs = 3000;
    private readonly WebApp _app = new() { RatePerSecond = 1_000_000 };
    private readonly CaseReaders _readers = new(WebApp.Service, WebApp.TextReader, WebApp.FhirImporter);

    private static int Budget =>
        int.TryParse(Environment.GetEnvironmentVariable("MYELODX_FUZZ_INPUTS"), out var n) && n > 0 ? n : DefaultInputs;

    private sealed class Tally
    {
        public int Inputs;
        public int Coded;
        public readonly List<string> Internal = [];

        public void Fail(string kind, string input, Exception? e, string? status = null)
        {
            lock (Internal)
                if (Internal.Count < 20)
                    Internal.Add($"{kind}: {e?.GetType().Name ?? status} for {Escape(input)}");
        }
    }

    [Fact]
    public async Task Generated_input_never_causes_an_internal_error()
    {
        var total = Budget;
        var seedCase = Samples.SeedCase;
        var input = WebApp.Service.FromCase(MyeloDx.Core.Cases.CaseJson.Parse(seedCase));
        var bundle = WebApp.Features.FhirExporter!.Export(input, WebApp.Service.Assess(input));
        var tally = new Tally();

        var texts = Draw(FuzzGenerators.Text(), total * 3 / 10);
        var cases = Draw(FuzzGenerators.CaseJson(seedCase), total / 4);
        var bundles = Draw(FuzzGenerators.Bundle(bundle), total * 15 / 100);
        var plans = Draw(FuzzGenerators.DosePlan(), total / 5);
        var bodies = Draw(Gen.OneOf(FuzzGenerators.CaseJson(seedCase), FuzzGenerators.Text(), FuzzGenerators.DosePlan().Select(p => new JsonObject { ["plans"] = new JsonArray(p) }.ToJsonString())),
            total - texts.Length - cases.Length - bundles.Length - plans.Length);

        foreach (var t in texts) InProcess(tally, "text", t, () => Assess(_readers.FromText(t, "text")));
        foreach (var c in cases) InProcess(tally, "case", c, () => Assess(_readers.Parse(c).Input));
        foreach (var b in bundles) InProcess(tally, "fhir", b, () => Assess(_readers.Parse(b).Input));
        foreach (var p in plans) InProcess(tally, "dose", p, () => WebApp.Features.DoseCalculator!.Calculate([p], null));
        await Http(tally, bodies);

        output.WriteLine($"fuzz: {tally.Inputs:N0} generated inputs ({texts.Length:N0} text, {cases.Length:N0} case JSON, {bundles.Length:N0} FHIR, " +
                         $"{plans.Length:N0} dose, {bodies.Length:N0} HTTP bodies); {tally.Coded:N0} coded refusals; {tally.Internal.Count} internal errors");
        Assert.True(tally.Internal.Count == 0, string.Join("\n", tally.Internal));
        Assert.Equal(total, tally.Inputs);
    }

    private static string[] Draw(Gen<string> gen, int count) => count <= 0 ? [] : gen.Sample(count, 30);

    private int _assessed;

    /// <summary>Ranks every input; one in ten also gets the full assessment JSON (explanations and every augmenter), which costs far more.</summary>
    private void Assess(MyeloDx.Core.Services.CaseInput input)
    {
        if (++_assessed % 10 != 0) { _ = _readers.Service.Rank(input); return; }
        var a = _readers.Service.Assess(input);
        _ = MyeloDx.Core.Contract.ContractJson.Write(_readers.Service.Document(input, a));
    }

    private static void InProcess(Tally tally, string kind, string input, Action act)
    {
        tally.Inputs++;
        try { act(); }
        catch (InputException) { tally.Coded++; }
        catch (KnowledgeException e) { tally.Fail(kind, input, e); }
        catch (Exception e) { tally.Fail(kind, input, e); }
    }

    private static readonly string[] Endpoints = ["/api/assessments", "/api/cases", "/api/dose", "/cds-services/myelodx-patient-view", "/api/assessments?priorContext=%00"];
    private static readonly string[] Types = ["application/json", "application/json", "application/fhir+json", "text/plain", "application/json; charset=latin1"];

    private async Task Http(Tally tally, string[] bodies)
    {
        using var client = _app.As("alice");
        var i = 0;
        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (body, ct) =>
        {
            var n = Interlocked.Increment(ref i);
            var url = Endpoints[n % Endpoints.Length];
            var content = new ByteArrayContent(n % 7 == 0 ? Latin1OrRaw(body) : Encoding.UTF8.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", Types[n % Types.Length]);
            HttpResponseMessage r;
            try { r = await client.PostAsync(url, content, ct); }
            catch (Exception e) { lock (tally) tally.Inputs++; tally.Fail("http " + url, body, e); return; }
            using (r)
            {
                lock (tally)
                {
                    tally.Inputs++;
                    if ((int)r.StatusCode >= 400 && (int)r.StatusCode < 500) tally.Coded++;
                }
                if (r.StatusCode == HttpStatusCode.InternalServerError || (int)r.StatusCode == 0)
                    tally.Fail("http " + url, body, null, ((int)r.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        });
    }

    /// <summary>Bytes that are not valid UTF-8 (a lone continuation byte, an overlong NUL) around the body.</summary>
    private static byte[] Latin1OrRaw(string body) => [0xC0, 0x80, .. Encoding.UTF8.GetBytes(body), 0x80, 0xFF];

    private static string Escape(string s)
    {
        var sb = new StringBuilder();
        foreach (var c in s.Length > 300 ? s[..300] : s)
            sb.Append(c is < ' ' or > '~' ? $"\\u{(int)c:x4}" : c.ToString());
        return sb.ToString();
    }

    public void Dispose() => _app.Dispose();
}
