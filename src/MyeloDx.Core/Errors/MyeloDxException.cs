namespace MyeloDx.Core.Errors;

/// <summary>
/// A problem with what the user gave us (a case, a file, a plan), with a stable code and a location.
/// The message never contains patient text beyond the offending field name or value.
/// </summary>
public sealed class InputException(string code, string where, string message) : Exception(message)
{
    public string Code { get; } = code;
    public string Where { get; } = where;

    /// <summary>One line for a terminal or a log: code, location, message.</summary>
    public string OneLine => string.IsNullOrEmpty(Where) ? $"{Code}: {Message}" : $"{Code} at {Where}: {Message}";
}
