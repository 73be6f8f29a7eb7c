using MyeloDx.Text.Numbers;
using MyeloDx.Text.Context;
using MyeloDx.Text.Document;
using MyeloDx.Text.Matching;

namespace MyeloDx.Text.Extraction;

/// <summary>Per-sentence facts the extractors share: topic (imaging report? CSF?) and the modifiers found in it.</summary>
/// <param name="Pathology">The sentence reports a biopsy or resection of a spinal lesion ("Cord biopsy: ependymoma").</param>
/// <param name="Pathology">The sentence reports the biopsy or resection of a spinal lesion.</param>
/// <param name="Specimen">The sentence names a biopsy, histology or specimen of any site.</param>
internal sealed record SentenceInfo(Sentence Sentence, bool Imaging, bool Csf, List<ModifierHit> Modifiers, bool Pathology = false, bool Specimen = false);

/// <summary>The tokenized, segmented, matched document, built once per text and read by every extractor.</summary>
internal sealed class ParsedDocument
{
    private readonly List<Mention>[] _bySentence;

    public ParsedDocument(string text, List<Token> tokens, List<SentenceInfo> sentences, List<Mention> mentions, List<WrittenDate>? dates = null, DateOnly? present = null)
    {
        Text = text; Tokens = tokens; Sentences = sentences; Mentions = mentions; Dates = dates ?? []; Present = present;
        _bySentence = new List<Mention>[sentences.Count];
        for (var i = 0; i < _bySentence.Length; i++) _bySentence[i] = [];
        foreach (var m in mentions) _bySentence[m.Sentence].Add(m);
    }

    public string Text { get; }
    /// <summary>Other patients' entries of a handover list, blanked before reading (see <see cref="Document.PatientBlocks"/>).</summary>
    public IReadOnlyList<MyeloDx.Core.Inference.TextSpan> OtherPatients { get; init; } = [];
    /// <summary>Every date the note writes (full dates and months of a year), in order.</summary>
    public List<WrittenDate> Dates { get; }
    /// <summary>The note's present when it gives one (see <see cref="Document.NotePresent"/>).</summary>
    public DateOnly? Present { get; }
    public List<Token> Tokens { get; }
    public List<SentenceInfo> Sentences { get; }
    public List<Mention> Mentions { get; }

    /// <summary>The sentence that holds token i (-1 when none does).</summary>
    public int SentenceOf(int token)
    {
        for (var i = 0; i < Sentences.Count; i++)
            if (token >= Sentences[i].Sentence.TokenFrom && token < Sentences[i].Sentence.TokenTo) return i;
        return -1;
    }

    /// <summary>The mentions of one sentence (indexed, so extractors stay linear in the text length).</summary>
    public IReadOnlyList<Mention> InSentence(int s) => s >= 0 && s < _bySentence.Length ? _bySentence[s] : [];

    public Core.Inference.TextSpan Span(int tokenStart, int tokenEnd) =>
        new(Tokens[tokenStart].Start, Tokens[Math.Max(tokenStart, tokenEnd - 1)].End - Tokens[tokenStart].Start);

    /// <summary>The clause around token i: bounded by ';', sentence ends and clause words such as "but", "whereas".</summary>
    public (int From, int To) Clause(int sentence, int i)
    {
        var s = Sentences[sentence].Sentence;
        var a = i; var b = i;
        // read in place (a copy of a 32-byte token per step through the list's indexer before)
        var t = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Tokens);
        while (a > s.TokenFrom && !ClauseBreak(t[a - 1])) a--;
        while (b < s.TokenTo && !ClauseBreak(t[b])) b++;
        return (a, b);
    }

    // inlined into the clause loops (compiled optimised at first call): on its own it ran unoptimised for much of a batch
    // on one core (perf, 2026-12-07)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool ClauseBreak(in Token t) => t.Kind == TokenKind.Punct && t.Text is ";" or ":" || t.Text is "but" or "whereas" or "although" or "while" or "however";

    public string Slice(int tokenStart, int tokenEnd)
    {
        var sp = Span(tokenStart, tokenEnd);
        return Text.Substring(sp.Start, sp.Length);
    }
}
