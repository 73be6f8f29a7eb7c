using MyeloDx.Core.Services;

namespace MyeloDx.Core.Errors;

/// <summary>
/// A case that states nothing MyeloDx can use (`{}`, or only unknowns) would be ranked on the priors alone and look
/// like an answer. Entry points refuse it instead (MDX-IN002), so an empty or meaningless case never exits 0.
/// </summary>
public static class MeaningfulCase
{
    public static CaseInput Require(CaseInput input, string where)
    {
        if (input.Observations.Count == 0 && input.Computed.Count == 0)
            throw new InputException("MDX-IN002", where, "the case states no findings MyeloDx can use; a ranking would repeat the prior probabilities, so none is given");
        return input;
    }
}
