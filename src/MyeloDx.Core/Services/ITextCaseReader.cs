namespace MyeloDx.Core.Services;

/// <summary>Reads free clinical text (a note, an MRI report) into a case with observations that point back to their spans.</summary>
public interface ITextCaseReader
{
    CaseInput Read(string text);
}
