using MyeloDx.Core.Knowledge;
using MyeloDx.Text.Rules;

namespace MyeloDx.Text.Tests;

/// <summary>The reader's closed word lists are data (knowledge/text/word-lists.yaml), loaded strictly.</summary>
public sealed class WordListsLoaderTests
{
    private static string Shipped => File.ReadAllText(Path.Combine(TextFixture.KnowledgeFolder(), WordListsLoader.File));

    private static (WordLists? Words, List<KnowledgeDiagnostic> D) Read(string yaml)
    {
        var d = new List<KnowledgeDiagnostic>();
        var w = WordListsLoader.Read(new Dictionary<string, string> { [WordListsLoader.File] = yaml }, new Dictionary<string, string>(), d);
        return (w, d);
    }

    [Fact]
    public void The_shipped_lists_load_with_every_required_list()
    {
        var (w, d) = Read(Shipped);
        Assert.Empty(d);
        Assert.NotNull(w);
        Assert.Contains("including", (IReadOnlySet<string>)w!.Field);
        Assert.Contains("sarcoma", w.MalignantEndings);
    }

    [Fact]
    public void A_missing_list_is_refused_naming_it_and_what_it_is_for()
    {
        var yaml = Shipped.Replace("  locative:", "  locative_removed:");
        var (w, d) = Read(yaml);
        Assert.Null(w);
        Assert.Contains(d, x => x.Code == "MDX-TX003" && x.Message.Contains("missing word list 'locative'"));
        Assert.Contains(d, x => x.Code == "MDX-TX002" && x.Message.Contains("unknown word list 'locative_removed'") && x.Line > 1);
    }

    [Fact]
    public void A_word_with_a_space_is_refused_with_its_line()
    {
        var yaml = Shipped.Replace("words: [around,", "words: [\"close to\", around,");
        var (w, d) = Read(yaml);
        Assert.Null(w);
        var e = Assert.Single(d);
        Assert.Equal("MDX-TX002", e.Code);
        Assert.Equal(WordListsLoader.File, e.File);
        Assert.True(e.Line > 1);
    }

    [Fact]
    public void Words_fold_British_spelling_like_the_text()
    {
        var (w, d) = Read(Shipped.Replace("words: [tumor, tumors,", "words: [tumour, tumours,"));
        Assert.Empty(d);
        Assert.Contains("tumor", (IReadOnlySet<string>)w!.Tumour);
    }
}
