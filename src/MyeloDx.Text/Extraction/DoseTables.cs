using MyeloDx.Text.Matching;

namespace MyeloDx.Text.Extraction;

/// <summary>What a column of a radiotherapy table holds, told by its header cell.</summary>
internal enum DoseColumn : byte
{
    /// <summary>No header, or a header that names nothing below (course number, technique, comments).</summary>
    Other,
    /// <summary>The prescribed dose and fractions ("Dose / fractions", "Prescription", "Rx", "Gy/fx").</summary>
    Prescription,
    /// <summary>A physical dose to the cord ("Cord Dmax", "Cord max", "D0.03cc cord").</summary>
    CordDose,
    /// <summary>A computed equivalent dose ("EQD2", "BED", "equivalent dose"): never a dose given or received.</summary>
    Equivalent,
    /// <summary>Where the field lay ("Site", "Target", "Field", "Levels", "Region").</summary>
    Site,
    /// <summary>When the course was given ("Date", "Dates", "Year").</summary>
    Date,
    /// <summary>The structure a plan's dose-volume row is about ("Organ at risk", "OAR", "Structure"): such a table
    /// lists doses to organs within one plan, not courses.</summary>
    Organ,
    /// <summary>A planning limit ("Constraint", "Tolerance", "Objective"): never a dose anyone received.</summary>
    Constraint,
}

/// <summary>One cell of a table row: its column's role and its tokens [TokenFrom, TokenTo).</summary>
internal readonly record struct DoseCell(DoseColumn Role, int TokenFrom, int TokenTo);

/// <summary>One body row of a table (a line of cells under a header), its tokens [TokenFrom, TokenTo).</summary>
internal sealed record DoseTableRow(int TokenFrom, int TokenTo, IReadOnlyList<DoseCell> Cells, int TableTokenFrom);

/// <summary>
/// Tables typed into a note with '|' or tab between cells, as radiotherapy summaries are ("| Course | Dates | Target |
/// Dose / fractions | Cord Dmax | Cord EQD2 |"). The tokenizer drops the bars, so a row would otherwise read as one run
/// of numbers: a prescription, a cord maximum and an equivalent dose side by side, and the largest taken for the dose
/// given. Here each body cell gets the role its header names, so the prescription, the cord's physical dose and the
/// computed equivalents (which are not doses anyone received) are kept apart. A table without a recognisable header
/// gives rows whose cells are all <see cref="DoseColumn.Other"/>.
/// </summary>
internal static class DoseTables
{
    /// <summary>The body rows of every table in the text, in text order.</summary>
    public static List<DoseTableRow> Find(string text, List<Token> tokens)
    {
        var rows = new List<DoseTableRow>();
        if (text.IndexOf('|') < 0 && text.IndexOf('\t') < 0) return rows; // most notes: nothing to do
        DoseColumn[]? header = null; var inTable = false; var tableStart = -1;
        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            var nl = text.IndexOf('\n', lineStart);
            var lineEnd = nl < 0 ? text.Length : nl;
            var cells = Cells(text, lineStart, lineEnd);
            if (cells is null) { inTable = false; header = null; }
            else if (!IsRule(text, lineStart, lineEnd))
            {
                var (from, to) = TokenRange(tokens, lineStart, lineEnd);
                var isHeader = false;
                if (!inTable)
                {
                    inTable = true; tableStart = from;
                    // the first line is the header when it names columns and states no dose of its own
                    var roles = cells.Select(c => Role(text.AsSpan(c.Start, c.End - c.Start))).ToArray();
                    isHeader = roles.Any(r => r != DoseColumn.Other) && !SaysDose(tokens, from, to);
                    header = isHeader ? roles : null;
                }
                if (!isHeader) AddRow(rows, tokens, cells, header, from, to, tableStart);
            }
            if (nl < 0) break;
            lineStart = nl + 1;
        }
        return rows;
    }

    private static void AddRow(List<DoseTableRow> rows, List<Token> tokens, List<(int Start, int End)> cells, DoseColumn[]? header, int from, int to, int tableStart)
    {
        var list = new List<DoseCell>(cells.Count);
        for (var c = 0; c < cells.Count; c++)
        {
            var (cf, ct) = TokenRange(tokens, cells[c].Start, cells[c].End);
            var role = header is not null && c < header.Length ? header[c] : DoseColumn.Other;
            list.Add(new DoseCell(role, cf, ct));
        }
        if (to > from) rows.Add(new DoseTableRow(from, to, list, tableStart));
    }

    /// <summary>The role of the column a token lies in, or null when it lies in no table row.</summary>
    public static DoseColumn? RoleAt(List<DoseTableRow> rows, int token)
    {
        foreach (var r in rows)
        {
            if (token < r.TokenFrom || token >= r.TokenTo) continue;
            foreach (var c in r.Cells)
                if (token >= c.TokenFrom && token < c.TokenTo) return c.Role;
            return DoseColumn.Other;
        }
        return null;
    }

    // the cells of a line with at least two bars (or, with no bar, two tabs); null when the line is not a table line.
    // Leading and trailing bars open and close the row, so the empty ends they leave are not cells
    private static List<(int Start, int End)>? Cells(string text, int from, int to)
    {
        var bars = 0; var tabs = 0;
        for (var i = from; i < to; i++) { if (text[i] == '|') bars++; else if (text[i] == '\t') tabs++; }
        var sep = bars >= 2 ? '|' : tabs >= 2 ? '\t' : '\0';
        if (sep == '\0') return null;
        var cells = new List<(int, int)>();
        var s = from;
        for (var i = from; i <= to; i++)
        {
            if (i < to && text[i] != sep) continue;
            cells.Add((s, i));
            s = i + 1;
        }
        if (cells.Count > 0 && IsBlank(text, cells[0].Item1, cells[0].Item2)) cells.RemoveAt(0);
        if (cells.Count > 0 && IsBlank(text, cells[^1].Item1, cells[^1].Item2)) cells.RemoveAt(cells.Count - 1);
        return cells.Count >= 2 ? cells : null;
    }

    private static bool IsBlank(string text, int from, int to)
    {
        for (var i = from; i < to; i++) if (!char.IsWhiteSpace(text[i])) return false;
        return true;
    }

    // a ruling line under a header ("|---|:---:|", "+----+----+")
    private static bool IsRule(string text, int from, int to)
    {
        var any = false;
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            if (c is '-' or '=' or ':' or '+' or '_') any = true;
            else if (c is not ('|' or '\t' or ' ' or '\r')) return false;
        }
        return any;
    }

    private static (int From, int To) TokenRange(List<Token> tokens, int charFrom, int charTo)
    {
        var lo = 0; var hi = tokens.Count;
        while (lo < hi) { var mid = (lo + hi) / 2; if (tokens[mid].Start < charFrom) lo = mid + 1; else hi = mid; }
        var from = lo;
        while (lo < tokens.Count && tokens[lo].Start < charTo) lo++;
        return (from, lo);
    }

    private static bool SaysDose(List<Token> tokens, int from, int to)
    {
        for (var i = from; i + 1 < to; i++)
            if (tokens[i].Kind == TokenKind.Number && tokens[i + 1].Text is "gy" or "cgy") return true;
        return false;
    }

    // what a header cell names; an equivalent dose is recognised first ("Cord EQD2" is not the cord's physical dose)
    private static DoseColumn Role(ReadOnlySpan<char> cell)
    {
        var h = cell.ToString().ToLowerInvariant();
        // (a bare "OAR" header names the organs; "OAR max" names a dose column, the cord's, as below)
        if (h.Contains("organ", StringComparison.Ordinal) || h.Trim() is "oar" or "oars" || h.Contains("structure", StringComparison.Ordinal))
            return DoseColumn.Organ;
        if (h.Contains("constraint", StringComparison.Ordinal) || h.Contains("toleran", StringComparison.Ordinal) || h.Contains("objective", StringComparison.Ordinal)
            || HasWord(h, "limit") || HasWord(h, "goal"))
            return DoseColumn.Constraint;
        if (h.Contains("eqd", StringComparison.Ordinal) || HasWord(h, "bed") || h.Contains("equivalent", StringComparison.Ordinal)
            || h.Contains("biolog", StringComparison.Ordinal) || h.Contains("ntd", StringComparison.Ordinal))
            return DoseColumn.Equivalent;
        if (h.Contains("cord", StringComparison.Ordinal) || h.Contains("dmax", StringComparison.Ordinal) || h.Contains("d max", StringComparison.Ordinal)
            || h.Contains("d0.", StringComparison.Ordinal) || h.Contains("max", StringComparison.Ordinal) || h.Contains("oar", StringComparison.Ordinal))
            return DoseColumn.CordDose;
        if (h.Contains("dose", StringComparison.Ordinal) || h.Contains("prescri", StringComparison.Ordinal) || HasWord(h, "rx")
            || HasWord(h, "gy") || h.Contains("fraction", StringComparison.Ordinal) || HasWord(h, "fx") || h.Contains("regimen", StringComparison.Ordinal)
            || h.Contains("schedule", StringComparison.Ordinal))
            return DoseColumn.Prescription;
        if (h.Contains("site", StringComparison.Ordinal) || h.Contains("target", StringComparison.Ordinal) || h.Contains("field", StringComparison.Ordinal)
            || h.Contains("level", StringComparison.Ordinal) || h.Contains("region", StringComparison.Ordinal) || HasWord(h, "ptv")
            || h.Contains("volume", StringComparison.Ordinal) || h.Contains("location", StringComparison.Ordinal) || HasWord(h, "area"))
            return DoseColumn.Site;
        if (h.Contains("date", StringComparison.Ordinal) || HasWord(h, "year") || HasWord(h, "when") || h.Contains("period", StringComparison.Ordinal))
            return DoseColumn.Date;
        return DoseColumn.Other;
    }

    private static bool HasWord(string h, string word)
    {
        for (var i = h.IndexOf(word, StringComparison.Ordinal); i >= 0; i = h.IndexOf(word, i + 1, StringComparison.Ordinal))
        {
            var before = i == 0 || !char.IsLetter(h[i - 1]);
            var after = i + word.Length >= h.Length || !char.IsLetter(h[i + word.Length]);
            if (before && after) return true;
        }
        return false;
    }
}
