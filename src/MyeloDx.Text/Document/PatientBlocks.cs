using MyeloDx.Core.Inference;
using MyeloDx.Text.Rules;

namespace MyeloDx.Text.Document;

/// <summary>
/// A handover or ward list holds several patients, each opened by a line such as "BED 4 - Mr A., 71 M." or "Patient 2:".
/// Read as one note, their ages, cancers and scans would be pooled into one imaginary patient (a neighbour's epidural
/// disease deciding this patient's differential). The list is read for one patient only: the entry its writer flagged
/// ("&lt;-- NEW, please review", "for review"), else the longest entry; the other entries are blanked (spaces, newlines kept)
/// so every offset still points into the original text.
/// </summary>
internal static class PatientBlocks
{
    private readonly record struct Block(int Start, int End, bool Flagged);

    /// <summary>The text with every entry but one blanked; <paramref name="setAside"/> holds the blanked entries (empty when the text is one patient's).</summary>
    public static string KeepOne(string text, WordLists words, out IReadOnlyList<TextSpan> setAside)
    {
        setAside = [];
        // cheap exit for the common note: no line opens on a block word followed by a number
        List<Block>? blocks = null;
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = text.Length;
            if (OpensBlock(text, lineStart, lineEnd, words))
            {
                blocks ??= [];
                if (blocks.Count > 0) blocks[^1] = blocks[^1] with { End = lineStart };
                blocks.Add(new Block(lineStart, text.Length, Flagged(text, lineStart, lineEnd, words)));
            }
            lineStart = lineEnd + 1;
        }
        if (blocks is null || blocks.Count < 2) return text;
        var flagged = blocks.Where(b => b.Flagged).ToList();
        var keep = flagged.Count == 1 ? flagged[0] : blocks.MaxBy(b => b.End - b.Start);
        var chars = text.ToCharArray();
        var blanked = new List<TextSpan>(blocks.Count - 1);
        foreach (var b in blocks)
        {
            if (b == keep) continue;
            blanked.Add(new TextSpan(b.Start, b.End - b.Start));
            for (var i = b.Start; i < b.End; i++)
                if (chars[i] is not ('\n' or '\r')) chars[i] = ' ';
        }
        setAside = blanked;
        return new string(chars);
    }

    // "BED 4 - ...", "Bed 12: ...", "Patient 2 - ...", "Pt 3) ...": an opener word, a number (with an optional letter, "4A"),
    // then a dash, colon, full stop or bracket
    private static bool OpensBlock(string text, int from, int to, WordLists words)
    {
        var i = from;
        while (i < to && text[i] is ' ' or '\t' or '-' or '*' or '•') i++;
        var w = i;
        while (i < to && char.IsLetter(text[i])) i++;
        var wordEnd = i;
        if (i == w || i - w > 8) return false;
        while (i < to && text[i] is ' ' or '\t') i++;
        var d = i;
        while (i < to && char.IsAsciiDigit(text[i])) i++;
        if (i == d || i - d > 3) return false;
        // the word is looked up only once a number follows it (most lines stop above, without allocating)
        if (!words.PatientBlockOpeners.Contains(text[w..wordEnd].ToLowerInvariant())) return false;
        if (i < to && char.IsAsciiLetter(text[i])) i++;
        while (i < to && text[i] is ' ' or '\t') i++;
        return i < to && text[i] is '-' or '–' or '—' or ':' or '.' or ')';
    }

    // the writer's mark on the entry's first line: an arrow ("<--"), or a word such as "new" or "review"
    private static bool Flagged(string text, int from, int to, WordLists words)
    {
        var line = text.AsSpan(from, to - from);
        if (line.Contains("<-", StringComparison.Ordinal) || line.Contains("<=", StringComparison.Ordinal)) return true;
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && !char.IsLetter(line[i])) i++;
            var w = i;
            while (i < line.Length && char.IsLetter(line[i])) i++;
            if (i > w && words.PatientBlockFlags.Contains(line[w..i].ToString().ToLowerInvariant())) return true;
        }
        return false;
    }
}
