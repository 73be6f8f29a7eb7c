using MyeloDx.Core.Contract;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;

namespace MyeloDx.Reports;

/// <summary>Which report to write.</summary>
public enum ReportKind
{
    /// <summary>The seed's structure: final diagnosis, three differentials, introduction, case, discussion, figure, references.</summary>
    CaseReport,

    /// <summary>One page for the chart or a tumour board: red flags first, differential, key evidence, next steps.</summary>
    ClinicianSummary,
}

/// <summary>
/// Everything a report is written from: the case as read, its assessment, the knowledge base (for names, labels and
/// sources) and the typed assessment document with every augmenter's section (radiotherapy arithmetic, scores, next
/// tests, management...).
/// </summary>
public sealed record ReportInput(CaseInput Input, Assessment Assessment, KnowledgeBase Knowledge, AssessmentDocument Document, string? Title = null)
{
    /// <summary>Key images (cleaned), placed as the first figures with their legends.</summary>
    public IReadOnlyList<Images.KeyImage> Images { get; init; } = [];

    /// <summary>
    /// Sections of a document read from JSON (<see cref="StoredAssessment"/>) that the current records could not bind;
    /// shown plainly at the end of the discussion rather than lost. Empty for a document this build made.
    /// </summary>
    public IReadOnlyList<UnboundSection> Unbound { get; init; } = [];
}

/// <summary>A piece of a report. The writers (Markdown, HTML, PDF) render each kind the same way everywhere.</summary>
public abstract record ReportBlock;

/// <summary>Level 2 is a report section (FINAL DIAGNOSIS...), level 3 a subsection.</summary>
public sealed record HeadingBlock(int Level, string Text) : ReportBlock;

/// <summary>Plain text; <paramref name="Lead"/> is written in bold before it. Citations are inline as [n].</summary>
public sealed record ParagraphBlock(string Text, string? Lead = null) : ReportBlock;

public sealed record ListItem(string Text, string? Lead = null);

/// <summary>A bulleted or numbered list; <paramref name="Small"/> asks for small print (e.g. a summary's references).</summary>
public sealed record ListBlock(IReadOnlyList<ListItem> Items, bool Numbered = false, bool Small = false) : ReportBlock;

/// <summary>A table; <paramref name="Numeric"/> marks the columns to right-align.</summary>
public sealed record TableBlock(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<bool> Numeric) : ReportBlock;

public enum NoticeKind { Emergency, Warning, Caveat }

/// <summary>A boxed notice: an emergency red flag, a warning, or the clinical-judgment caveat.</summary>
public sealed record NoticeBlock(NoticeKind Kind, string Title, string Text) : ReportBlock;

public sealed record ChartBar(string Label, double Value, bool Highlight);

/// <summary>A horizontal bar chart of probabilities (0-1): SVG in HTML, drawn bars in the PDF, a text bar in Markdown.</summary>
public sealed record ChartBlock(string Caption, IReadOnlyList<ChartBar> Bars) : ReportBlock;

/// <summary>A key image with its legend ("Figure 1." in bold, then the caption).</summary>
public sealed record ImageBlock(Images.KeyImage Image, string Label, string Legend) : ReportBlock;

/// <summary>One cited source, numbered in order of first citation.</summary>
public sealed record ReportReference(int Number, string SourceId, string Text);

/// <summary>A written report, independent of its output format.</summary>
public sealed record ReportDocument(
    ReportKind Kind,
    string Title,
    string Byline,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ReportBlock> Blocks,
    IReadOnlyList<ReportReference> References)
{
    /// <summary>Carried by every report (also written into its blocks and page footers).</summary>
    public string Caveat => Assessment.Caveat;

    /// <summary>The section headings (level 2), in order.</summary>
    public IEnumerable<string> Sections => Blocks.OfType<HeadingBlock>().Where(h => h.Level == 2).Select(h => h.Text);
}
