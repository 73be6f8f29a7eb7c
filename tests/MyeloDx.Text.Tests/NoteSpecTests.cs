namespace MyeloDx.Text.Tests;

/// <summary>
/// Runs every row of Specs/notes.md: a whole document as a hospital receives it must put the right diagnosis first,
/// read the findings a careful resident reads and none of the readings listed as wrong.
/// </summary>
public sealed class NoteSpecTests
{
    public sealed record NoteRow(string File, string Leads, IReadOnlyList<string> MustRead, IReadOnlyList<string> MustNotRead);

    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Specs");

    public static readonly IReadOnlyList<NoteRow> Rows = Load();

    private static IReadOnlyList<NoteRow> Load()
    {
        var rows = new List<NoteRow>();
        foreach (var line in File.ReadAllLines(Path.Combine(Folder, "notes.md")))
        {
            var l = line.Trim();
            if (!l.StartsWith('|') || l.StartsWith("|---", StringComparison.Ordinal) || l.StartsWith("| Note |", StringComparison.Ordinal)) continue;
            var cells = l.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length != 4) throw new InvalidDataException($"notes.md: expected four cells in '{l}'");
            rows.Add(new NoteRow(cells[0], cells[1], Items(cells[2]), Items(cells[3])));
        }
        return rows;
    }

    private static string[] Items(string cell) => cell.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static TheoryData<string> Files()
    {
        var d = new TheoryData<string>();
        foreach (var r in Rows) d.Add(r.File);
        return d;
    }

    [Fact]
    public void Every_document_in_the_folder_has_a_row_and_every_diagnosis_leads_somewhere()
    {
        var files = Directory.GetFiles(Path.Combine(Folder, "notes"), "*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(files, Rows.Select(r => r.File).Order(StringComparer.Ordinal).ToArray());
        Assert.True(Rows.Select(r => r.Leads).Distinct().Count() >= 14, "the notes should spread across the diagnoses");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_note_is_read_as_a_careful_resident_reads_it(string file)
    {
        var row = Rows.Single(r => r.File == file);
        var text = File.ReadAllText(Path.Combine(Folder, "notes", file));
        var stated = TextFixture.Stated(text);
        var missing = row.MustRead.Where(x => !stated.Contains(x)).ToArray();
        var wrong = row.MustNotRead.Where(stated.Contains).ToArray();
        Assert.True(missing.Length == 0 && wrong.Length == 0,
            $"{file}\n  not read: {string.Join("; ", missing)}\n  read wrongly: {string.Join("; ", wrong)}\n  all read: {string.Join("; ", stated)}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_expected_diagnosis_leads(string file)
    {
        var row = Rows.Single(r => r.File == file);
        var a = TextFixture.Assess(File.ReadAllText(Path.Combine(Folder, "notes", file)));
        Assert.True(a.Leading.Id == row.Leads, $"{file}: {a.Leading.Id} leads, expected {row.Leads}");
    }
}
