namespace MyeloDx.Web.Input;

/// <summary>How a marked phrase of a note was read.</summary>
public enum NoteMarkKind { Finding, Negated, Uncertain, Historical, SetAside }

/// <summary>A phrase of a note that the text reader understood, with a clinician-readable meaning (never an internal id).</summary>
public sealed record NoteMark(int Start, int Length, NoteMarkKind Kind, string Label);

/// <summary>
/// Marks a note with what the text reader read in it (findings, negations, uncertainty, history). Provided by the text
/// feature; without it the page falls back to the spans carried by the assessment's findings.
/// </summary>
public interface INoteExplainer
{
    /// <summary>Non-overlapping marks, sorted by start.</summary>
    IReadOnlyList<NoteMark> Marks(string note);
}
