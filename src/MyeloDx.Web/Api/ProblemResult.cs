namespace MyeloDx.Web.Api;

/// <summary>
/// An endpoint's problem answer. It is written when the response is, because the body's trace id belongs to the
/// request; its status is the catalogue's for the code (<see cref="Problems.StatusOf"/>).
/// </summary>
internal sealed class ProblemResult(string code, string title, string? detail, string? where) : IResult, IStatusCodeHttpResult
{
    public string Code => code;

    public int? StatusCode => Problems.StatusOf(code);

    public Task ExecuteAsync(HttpContext httpContext) => Problems.Write(httpContext, code, title, detail, where);
}
