using System.Collections.Frozen;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace MyeloDx.Text.Matching;

/// <summary>
/// Word stems for vocabulary matching, so that one phrase covers a word's inflections and derivations
/// (compress / compresses / compressing / compression; enhance / enhancing / enhancement; expand / expanded).
/// Uses the Snowball English (Porter2) stemmer from Lucene.Net.Analysis.Common. Words shorter than four letters
/// and words with digits (T2, B12, AQP4) are their own stem: abbreviations must not be cut.
/// Only the vocabulary matcher compares stems; ConText triggers and section headers stay exact, because stems
/// conflate words whose meaning differs there ("present" / "presents", "positive" / "position").
/// </summary>
internal static class Stems
{
    public const int MinLength = 4;

    public static bool Stemmable(string word)
    {
        if (word.Length < MinLength) return false;
        foreach (var c in word) if (c < 'a' || c > 'z') return false;
        return true;
    }

    /// <summary>
    /// The stem of a canonical (lower-case, spelling-folded) word; the stemmer is the caller's (not thread-safe).
    /// A word in <paramref name="unstemmed"/> is its own key, marked so that it can equal no real stem
    /// ('positive' must not meet 'position' at "posit").
    /// </summary>
    public static string Of(string word, EnglishStemmer stemmer, FrozenSet<string> unstemmed)
    {
        if (unstemmed.Contains(word)) return "=" + word;
        if (!Stemmable(word)) return word;
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }
}

/// <summary>Numbers the stems of the vocabulary's words while the rules load; frozen into a <see cref="StemTable"/> after.</summary>
internal sealed class StemIds(FrozenSet<string> unstemmed)
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly EnglishStemmer _stemmer = new();

    /// <summary>The id of the stem of a vocabulary word (assigned on first sight).</summary>
    public int Get(string word)
    {
        var s = Stems.Of(word, _stemmer, unstemmed);
        if (!_ids.TryGetValue(s, out var id)) _ids[s] = id = _ids.Count;
        return id;
    }

    /// <summary>The read-only table the tokenizer uses: stem ids, and the stem id of every word the rules know, computed once.</summary>
    public StemTable Freeze(IEnumerable<string> knownWords)
    {
        var known = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var w in knownWords)
            known[w] = _ids.TryGetValue(Stems.Of(w, _stemmer, unstemmed), out var id) ? id : -1;
        return new StemTable(_ids.ToFrozenDictionary(StringComparer.Ordinal), known.ToFrozenDictionary(StringComparer.Ordinal), unstemmed);
    }
}

/// <summary>Read-only stem look-up for text words (thread-safe): known words from a table, others stemmed on the fly.</summary>
internal sealed class StemTable(FrozenDictionary<string, int> stemIds, FrozenDictionary<string, int> knownWords, FrozenSet<string> unstemmed)
{
    /// <summary>The stem id of a text word, or -1 when no vocabulary word shares its stem.</summary>
    public int IdOf(string word, ref EnglishStemmer? stemmer)
    {
        if (knownWords.TryGetValue(word, out var id)) return id;
        if (unstemmed.Contains(word)) return stemIds.TryGetValue("=" + word, out id) ? id : -1;
        if (!Stems.Stemmable(word)) return stemIds.TryGetValue(word, out id) ? id : -1;
        stemmer ??= new EnglishStemmer();
        return stemIds.TryGetValue(Stems.Of(word, stemmer, unstemmed), out id) ? id : -1;
    }
}
