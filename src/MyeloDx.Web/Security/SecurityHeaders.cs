using Microsoft.Extensions.Diagnostics.HealthChecks;
using MyeloDx.Web.Registry;

namespace MyeloDx.Web;

/// <summary>Headers on every response: no sniffing, no framing, no referrer, a strict CSP (no scripts on our pages), no caching of patient data.</summary>
internal static class SecurityHeaders
{
    private const string PageCsp = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    // Scalar's API browser is a script app served from this host (its assets are embedded in the package).
    private const string ScalarCsp = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

    public static Task Middleware(HttpContext ctx, Func<Task> next)
    {
        ctx.Response.OnStarting(() =>
        {
            var h = ctx.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h["Cross-Origin-Resource-Policy"] = "same-origin";
            h.ContentSecurityPolicy = ctx.Request.Path.StartsWithSegments("/scalar") ? ScalarCsp : PageCsp;
            if (!ctx.Request.Path.StartsWithSegments("/assets") && !ctx.Request.Path.StartsWithSegments("/scalar"))
                h.CacheControl = "no-store";
            if (ctx.Request.IsHttps) h.StrictTransportSecurity = "max-age=31536000";
            return Task.CompletedTask;
        });
        return next();
    }
}

/// <summary>
/// Ready when the registry answers and can write: a probe row is written and rolled back, so a full disk, a read-only
/// file or a lost database makes /health unhealthy (503) instead of healthy-while-failing.
/// </summary>
internal sealed class RegistryHealthCheck(RegistrySettings settings) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var db = settings.NewDb();
            if (!await db.Database.CanConnectAsync(ct)) return HealthCheckResult.Unhealthy("registry unreachable");
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.Audit.Add(new AuditRow { At = DateTimeOffset.UtcNow, UserName = "health", Action = "health", Status = 200, Channel = "health" });
            await db.SaveChangesAsync(ct);
            await tx.RollbackAsync(ct);
            if (!settings.IsPostgres && !FileSystemWritable(settings.DataDir)) return HealthCheckResult.Unhealthy("data folder not writable");
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException) { return HealthCheckResult.Unhealthy(e.GetType().Name); }
    }

    /// <summary>SQLite may hold a rolled-back write in memory; a small file write shows the disk has room.</summary>
    private static bool FileSystemWritable(string dir)
    {
        var probe = Path.Combine(dir, ".health-" + Environment.ProcessId);
        try
        {
            using (var f = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough))
            {
                f.Write(new byte[4096]);
                f.Flush(true);
            }
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
        finally { try { File.Delete(probe); } catch (IOException) { } catch (UnauthorizedAccessException) { } }
    }
}
