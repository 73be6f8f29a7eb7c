using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MyeloDx.Web.Hosting;

/// <summary>
/// Not ready while the start-up warm-up runs: a load balancer that sends traffic only to ready instances then never
/// sends the first, slow seconds of a new instance real patients' requests. /health/live stays up throughout.
/// </summary>
internal sealed class WarmUpHealthCheck(WarmUpState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.Done ? HealthCheckResult.Healthy(state.Progress) : HealthCheckResult.Unhealthy("warming up: " + state.Progress));
}
