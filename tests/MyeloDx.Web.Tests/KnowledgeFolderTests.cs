using Microsoft.Extensions.DependencyInjection;
using MyeloDx.Core.Services;

namespace MyeloDx.Web.Tests;

/// <summary>
/// The web host without the CLI's composition builds the pipeline from the folder it is given (the standalone host
/// passes MYELODX_KNOWLEDGE through <see cref="KnowledgeSetting"/>, as the CLI does); it used to load the installed copy
/// whatever was set.
/// </summary>
public sealed class KnowledgeFolderTests
{
    [Fact]
    public void Standalone_host_assesses_with_the_knowledge_folder_it_was_given_not_the_installed_copy()
    {
        var repo = new DirectoryInfo(AppContext.BaseDirectory);
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "MyeloDx.slnx"))) repo = repo.Parent;
        Assert.NotNull(repo);
        var copy = Directory.CreateTempSubdirectory("myelodx-knowledge-").FullName;
        var data = Directory.CreateTempSubdirectory("myelodx-web-").FullName;
        try
        {
            CopyAll(Path.Combine(repo.FullName, "knowledge"), copy);
            var diagnoses = Path.Combine(copy, "diagnoses.yaml");
            var text = File.ReadAllText(diagnoses);
            Assert.Contains("version: \"", text);
            File.WriteAllText(diagnoses, System.Text.RegularExpressions.Regex.Replace(text, "version: \"[^\"]*\"", "version: \"test-copy\"", default, TimeSpan.FromSeconds(1)));

            using var app = WebHost.Build(["--MyeloDx:Data=" + data], new WebHostOptions { KnowledgeFolder = copy, Urls = "http://127.0.0.1:0" });
            var service = app.Services.GetRequiredService<AssessmentService>();
            Assert.Equal("test-copy", service.Knowledge.Version);
            Assert.Equal(copy, service.KnowledgeFolder);
        }
        finally
        {
            Directory.Delete(copy, true);
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    private static void CopyAll(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
