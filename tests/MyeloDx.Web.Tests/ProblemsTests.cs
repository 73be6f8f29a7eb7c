using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using MyeloDx.Core.Errors;

namespace MyeloDx.Web.Tests;

/// <summary>
/// Every problem answer takes its HTTP status from the error catalogue (one status per code, in one place) and has the
/// body docs/error-codes.md describes: the RFC 9457/7807 fields type, title, status and detail, then code, where, traceId.
/// </summary>
public sealed class ProblemsTests(AppFixture f) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("MDX-IN001")]
    [InlineData("MDX-IN012")]
    [InlineData("MDX-AUTH003")]
    [InlineData("MDX-WEB050")]
    [InlineData("MDX-WEB404")]
    [InlineData("MDX-IMG005")]
    [InlineData("MDX-WEB507")]
    public async Task A_problem_has_the_catalogue_status_and_the_documented_body(string code)
    {
        var (ctx, body) = await Execute(Problems.Result(code, "A title", "what went wrong", "body.patient"));

        var status = ErrorCatalogue.Find(code)!.Http!.Value;
        Assert.Equal(status, ctx.Response.StatusCode);
        Assert.Equal("application/problem+json", ctx.Response.ContentType);
        Assert.Equal(["type", "title", "status", "detail", "code", "where", "traceId"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("urn:myelodx:error:" + code, body.GetProperty("type").GetString());
        Assert.Equal("A title", body.GetProperty("title").GetString());
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.Equal("what went wrong", body.GetProperty("detail").GetString());
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal("body.patient", body.GetProperty("where").GetString());
        Assert.Equal("trace-1", body.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task Detail_and_where_are_left_out_when_unknown()
    {
        var (_, body) = await Execute(Problems.Result("MDX-WEB404", "Not found"));
        Assert.Equal(["type", "title", "status", "code", "traceId"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task An_input_error_answers_with_its_code_status()
    {
        var (ctx, body) = await Execute(Problems.FromInput(new InputException("MDX-IN012", "body", "too large")));
        Assert.Equal(413, ctx.Response.StatusCode);
        Assert.Equal("Request too large", body.GetProperty("title").GetString());
        var (ctx2, _) = await Execute(Problems.FromInput(new InputException("MDX-DOSE002", "plans[0]", "impossible dose")));
        Assert.Equal(400, ctx2.Response.StatusCode);
    }

    [Fact]
    public void A_framework_status_maps_to_the_catalogued_code_with_that_status()
    {
        foreach (var status in new[] { 400, 401, 403, 404, 405, 409, 412, 413, 415, 428, 429, 500, 503, 507 })
        {
            var code = Problems.CodeForStatus(status);
            Assert.Equal(status, ErrorCatalogue.Find(code)?.Http);
        }
        // A status no code answers with becomes the generic bad request or internal error, never an uncatalogued pair.
        Assert.Equal("MDX-WEB400", Problems.CodeForStatus(418));
        Assert.Equal("MDX-INT001", Problems.CodeForStatus(502));
    }

    [Fact]
    public async Task A_method_the_route_does_not_take_and_an_unknown_route_get_catalogued_codes()
    {
        var get = await f.App.As("alice").GetAsync("/api/assessments");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal("MDX-WEB405", await Json.ProblemCode(get));
        var none = await f.App.As("alice").GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal("MDX-WEB404", await Json.ProblemCode(none));
    }

    private static async Task<(HttpContext Ctx, JsonElement Body)> Execute(IResult result)
    {
        var ctx = new DefaultHttpContext { TraceIdentifier = "trace-1" };
        var stream = new MemoryStream();
        ctx.Response.Body = stream;
        await result.ExecuteAsync(ctx);
        stream.Position = 0;
        using var doc = await JsonDocument.ParseAsync(stream);
        return (ctx, doc.RootElement.Clone());
    }
}
