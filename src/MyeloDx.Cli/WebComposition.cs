using System.Text.Json.Nodes;
using MyeloDx.Cli.Commands;
using MyeloDx.Core.Dose;
using MyeloDx.Core.Services;
using MyeloDx.Web;
using MyeloDx.Web.Input;

namespace MyeloDx.Cli;

/// <summary>
/// The one place where the web app gets the CLI's services and the features this build has (text reader, FHIR
/// import/export, reports, dose calculator). `myelodx serve` and the web tests both use it, so they run the same composition.
/// </summary>
internal static class WebComposition
{
    public static WebFeatures Features() => new()
    {
        Assessment = Services.Assessment,
        TextReader = InputReader.AvailableTextReader(),
        FhirImporter = InputReader.AvailableFhirImporter(),
        DoseCalculator = new DoseCalculator(),
    };

    /// <summary>POST /api/dose: the same computation and JSON as `myelodx dose --format json`.</summary>
    private sealed class DoseCalculator : IDoseCalculator
    {
        private readonly Lazy<RadiotherapyKnowledge> _knowledge = new(() => RadiotherapyKnowledgeLoader.Load(AssessmentService.DefaultKnowledgeFolder()));

        public JsonObject Calculate(IReadOnlyList<string> plans, double? alphaBeta)
        {
            var chosen = AlphaBetaGy.From(alphaBeta ?? 2, "body.alphaBeta");
            var courses = plans.Select((t, i) => PlanParser.Parse(t, $"body.plans[{i}]")).ToArray();
            return DoseCommand.Compute(plans, courses, chosen, _knowledge.Value);
        }
    }
}
