namespace MyeloDx.Web.Hosting;

/// <summary>
/// Whether the start-up warm-up (<see cref="ServerWarmUp"/>) has finished, for the readiness check. One per host
/// (a singleton), written by the warm-up only.
/// </summary>
internal sealed class WarmUpState
{
    private volatile string _progress = "not started";
    private volatile bool _done;

    public bool Done => _done;
    /// <summary>A line for the health answer: how far the warm-up has got (counts only, never case content).</summary>
    public string Progress => _progress;

    public void Report(string progress) => _progress = progress;

    public void Finish(string summary)
    {
        _progress = summary;
        _done = true;
    }
}
