using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MyeloDx.Web.Api;

/// <summary>
/// The OpenAPI document: title and caveat, the two ways to authenticate (an API key as a Bearer token, or the
/// browser's session cookie), the error codes on every problem body, worked examples of the request bodies, and the
/// Core contract types' schemas as the Core serialiser writes them.
/// </summary>
internal static class OpenApiSetup
{
    public const string Bearer = "Bearer", Cookie = "Cookie";

    public static void Configure(OpenApiOptions o)
    {
        o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "MyeloDx API";
            doc.Info.Description = "Ranks the causes of new spinal cord dysfunction in a patient with cancer. " + MyeloDx.Core.Inference.Assessment.Caveat +
                " Errors are problem details (application/problem+json) whose `code` is listed in docs/error-codes.md.";
            doc.Components ??= new OpenApiComponents();
            doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            doc.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "API key",
                Description = "An API key from `myelodx users add NAME` (shown once), sent as `Authorization: Bearer <key>`.",
            };
            doc.Components.SecuritySchemes[Cookie] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = "myelodx.auth",
                Description = "The session cookie set by signing in at /login (the web pages use it).",
            };
            doc.Security ??= [];
            doc.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, doc)] = [] });
            doc.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Cookie, doc)] = [] });
            return Task.CompletedTask;
        });
        // The assessment, dose and knowledge answers described as the Core serialiser writes them (see ContractSchemas).
        o.AddDocumentTransformer(ContractSchemas.Apply);
        o.AddSchemaTransformer((schema, ctx, _) =>
        {
            if (ctx.JsonTypeInfo.Type == typeof(Microsoft.AspNetCore.Mvc.ProblemDetails) || ctx.JsonTypeInfo.Type == typeof(Microsoft.AspNetCore.Http.HttpValidationProblemDetails))
            {
                schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
                schema.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "MyeloDx error code (MDX-...), see docs/error-codes.md", Examples = [JsonValue.Create("MDX-IN001")] };
                schema.Properties["where"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Where in the input the problem is", Examples = [JsonValue.Create("body.imaging.levels")] };
            }
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((op, ctx, _) =>
        {
            var path = ctx.Description.RelativePath ?? "";
            var method = ctx.Description.HttpMethod ?? "";
            if (method == "POST" && (path == "api/assessments" || path == "api/cases") && op.RequestBody?.Content is { } content &&
                content.TryGetValue("application/json", out var media))
            {
                media.Examples ??= new Dictionary<string, IOpenApiExample>();
                // OpenApiExample.Value is a JsonNode in the OpenAPI library: a serialisation edge.
                media.Examples["note"] = new OpenApiExample { Summary = "A clinical note", Value = new JsonObject { ["text"] = ExampleNote } };
                media.Examples["structured"] = new OpenApiExample { Summary = "A structured case", Value = JsonNode.Parse(ExampleCase) };
            }
            return Task.CompletedTask;
        });
    }

    private const string ExampleNote =
        "62-year-old man with lung adenocarcinoma, bone metastases. Two weeks of thoracic back pain, now leg weakness and a T8 sensory level. " +
        "MRI: epidural tumour at T7-T8 compressing the cord.";

    private const string ExampleCase = """
        {"patient":{"ageYears":62,"sex":"male"},"cancer":{"primarySite":"lung","metastaticSites":["bone"],"status":"progressing"},
         "presentation":{"onsetTempo":"days","pain":"back","syndrome":"paraparesis","sensoryLevel":"T8"},
         "imaging":{"compartment":"epidural","levels":"T7-T8","epiduralDisease":true}}
        """;
}
