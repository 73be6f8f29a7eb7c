using MyeloDx.Text.Matching;
using Xunit;

namespace MyeloDx.Text.Tests;

/// <summary>
/// The reader's speed mechanisms must not change what it reads: a word or punctuation mark worked out once and then
/// taken from the tokenizer's cache gives the same token as the first time, and so does a reader whose cache is full.
/// </summary>
public sealed class ReaderMechanismTests
{
    private static readonly string[] Notes =
    [
        "Haemorrhagic oedematous tumour in the centre of the cord; paraesthesiae and leucocytosis. Compressing, compressed, compression.",
        "67M, AQP4+ NMO, T2 hyperintense lesion C2-C5, gad+ enhancing; 30Gy in 10#; B12 normal; WCC 12,5; ER+/PR+ breast ca.",
        "NO FEVER. Bilateral leg weakness, sensory level at T10, urinary retention, MRI SPINE: LONGITUDINALLY EXTENSIVE MYELITIS.",
        // every punctuation token (ASCII ones come from a per-character table after their first sight)
        "ACE 98 (ref < 52) [high]; Hb = 12.1, sats 97% ?MS! #3 + 4 > 2. 3×2 cm, dose ≥ 45 Gy ≤ 50: ok",
    ];

    private static string Render(IEnumerable<Token> tokens) => string.Join("|", tokens);

    [Fact]
    public void A_cached_word_gives_the_same_token_as_the_first_reading()
    {
        var tokenizer = TextFixture.Reader.Rules.Tokenizer;
        foreach (var note in Notes)
        {
            var fresh = new Tokenizer(TextFixture.Reader.Rules.Misspellings, null, null);
            var first = Render(fresh.Tokenize(note));
            Assert.Equal(first, Render(fresh.Tokenize(note)));
            Assert.Equal(Render(tokenizer.Tokenize(note)), Render(tokenizer.Tokenize(note)));
        }
    }

    [Fact]
    public void A_reader_whose_word_cache_is_full_reads_new_words_the_same()
    {
        var full = ClinicalTextReader.Create(TextFixture.Service, TextFixture.KnowledgeFolder()).Rules.Tokenizer;
        var fresh = ClinicalTextReader.Create(TextFixture.Service, TextFixture.KnowledgeFolder()).Rules.Tokenizer;
        // fill one reader's cache past its bound with words no note uses, then read words it has never seen
        full.Tokenize(string.Join(' ', Enumerable.Range(0, Tokenizer.MaxCachedWords + 10).Select(i => "zq" + ToLetters(i))));
        foreach (var note in Notes.Select(n => n.ToUpperInvariant() + " extraordinarily unfamiliar wording"))
            Assert.Equal(Render(fresh.Tokenize(note)), Render(full.Tokenize(note)));
    }

    [Fact]
    public void Readers_on_many_threads_get_the_same_tokens_while_the_word_cache_grows()
    {
        var rules = ClinicalTextReader.Create(TextFixture.Service, TextFixture.KnowledgeFolder()).Rules;
        var shared = rules.Tokenizer;
        // each text has words of its own, so the cache grows (and its table is replaced) while other threads read it
        var texts = Enumerable.Range(0, 400).Select(i => Notes[i % Notes.Length] + " " + string.Join(' ', Enumerable.Range(0, 40).Select(k => "zq" + ToLetters(i * 40 + k)))).ToArray();
        var expected = texts.Select(t => Render(new Tokenizer(rules.Misspellings, null, null).Tokenize(t))).ToArray();
        var fresh = new Tokenizer(rules.Misspellings, null, null);
        var got = new string[texts.Length];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => got[i] = Render(fresh.Tokenize(texts[i])));
        Assert.Equal(expected, got);
        // and the shared reader's tokenizer (word ids and stems) gives the same tokens read again on one thread
        var first = new string[texts.Length];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => first[i] = Render(shared.Tokenize(texts[i])));
        Assert.Equal(first, texts.Select(t => Render(shared.Tokenize(t))).ToArray());
    }

    [Fact]
    public void The_word_cache_keeps_the_first_value_and_finds_every_word_it_holds()
    {
        var cache = new WordCache();
        for (var i = 0; i < 5000; i++) Assert.True(cache.TryAdd("w" + i, ("c" + i, i, -i)));
        Assert.False(cache.TryAdd("w7", ("other", 0, 0)));
        Assert.Equal(5000, cache.Count);
        for (var i = 0; i < 5000; i++)
        {
            Assert.True(cache.TryGetValue(("w" + i).AsSpan(), out var v));
            Assert.Equal(("c" + i, i, -i), v);
        }
        Assert.False(cache.TryGetValue("w5000".AsSpan(), out _));
        Assert.False(cache.TryGetValue("".AsSpan(), out _));
    }

    private static string ToLetters(int i)
    {
        var s = "";
        do { s = (char)('a' + i % 26) + s; i /= 26; } while (i > 0);
        return s;
    }
}
