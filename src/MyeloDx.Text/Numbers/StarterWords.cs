using System.Collections.Frozen;

namespace MyeloDx.Text.Numbers;

/// <summary>
/// A small fixed set of words that can start a number, a duration or a level, asked about nearly every word of a note.
/// Most words are ruled out by their first letter and length alone (one table read), before the set is looked up:
/// the profile (2026-12-07, one core) had the set look-ups of the number, duration and level readers at about 2.5% of
/// a note. The answer is always the set's own.
/// </summary>
internal sealed class StarterWords
{
    private readonly FrozenSet<string> _words;
    // by first letter a-z: bit n set when a word of n characters (n < 64) starting with that letter is in the set
    private readonly ulong[] _byLetter = new ulong[26];
    // a word of the set that the table cannot describe (another first character, or 64 characters or more): then every
    // word is looked up
    private readonly bool _lookUpAll;

    public StarterWords(IEnumerable<string> words)
    {
        _words = words.ToFrozenSet(StringComparer.Ordinal);
        foreach (var w in _words)
        {
            if (w.Length is 0 or >= 64 || (uint)(w[0] - 'a') >= 26) { _lookUpAll = true; continue; }
            _byLetter[w[0] - 'a'] |= 1UL << w.Length;
        }
    }

    // inlined into the number, duration and level readers (compiled optimised at first call): on its own, without a loop,
    // it ran unoptimised for the first seconds of a one-core batch (perf, 2026-12-07)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool Contains(string w)
    {
        if (!_lookUpAll)
        {
            if (w.Length is 0 or >= 64) return false;
            var letter = (uint)(w[0] - 'a');
            if (letter >= 26 || (_byLetter[letter] >> w.Length & 1) == 0) return false;
        }
        return _words.Contains(w);
    }
}
