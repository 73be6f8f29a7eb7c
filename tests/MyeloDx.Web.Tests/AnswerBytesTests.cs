using System.Text.Json;
using Microsoft.Extensions.Configuration;
using MyeloDx.Core.Contract;
using MyeloDx.Core.Services;
using MyeloDx.Web.Api;
using MyeloDx.Web.Input;

namespace MyeloDx.Web.Tests;

/// <summary>
/// Issue 17 (round 6): the assessment answer is written from pooled buffers, byte for byte what the serialiser's own
/// UTF-8 writer gives; the answer cache keeps an answer only from the second time its body is seen.
/// </summary>
public sealed class AnswerBytesTests
{
    private static readonly CaseReaders Readers = new(WebApp.Service, WebApp.TextReader!, WebApp.FhirImporter);

    public static TheoryData<string> Bodies()
    {
        var data = new TheoryData<string> { Samples.SeedCase, Samples.EpiduralCase };
        var dev = Path.Combine(Samples.Root, "tests", "TestData", "dev-text.jsonl");
        if (File.Exists(dev)) foreach (var line in File.ReadLines(dev).Where(l => l.Trim().Length > 0).Take(12)) data.Add(line);
        else data.Add(JsonSerializer.Serialize(new { text = Samples.FallbackNote }));
        return data;
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public void The_pooled_answer_is_byte_identical_to_SerializeToUtf8Bytes(string body)
    {
        var p = Readers.Parse(body);
        var a = Readers.Service.Assess(p.Input, p.PriorContext, AssessmentDetail.All);
        var doc = Readers.Service.Document(p.Input, a, null, AssessmentDetail.All);
        var expected = JsonSerializer.SerializeToUtf8Bytes(doc, ContractJson.Compact.AssessmentDocument);
        var answer = PooledJsonAnswer.Serialize(doc, ContractJson.Compact.AssessmentDocument);
        try { Assert.True(expected.AsSpan().SequenceEqual(answer.Span), "the pooled answer differs from SerializeToUtf8Bytes"); }
        finally { answer.Release(); }
    }

    [Fact]
    public void A_body_s_answer_is_kept_from_its_second_sighting()
    {
        var cache = new AssessmentCache(new ConfigurationBuilder().Build(), WebApp.Service);
        var key = cache.Key("{\"text\": \"a note\"}", null);
        byte[] answer = [1, 2, 3];
        cache.Offer(key, answer);
        Assert.False(cache.TryGet(key, out _));
        cache.Offer(key, answer);
        Assert.True(cache.TryGet(key, out var kept));
        Assert.Equal(answer, kept);
        Assert.False(cache.TryGet(cache.Key("{\"text\": \"a note\"}", "uniform"), out _));
    }

    [Fact]
    public void With_the_cache_off_nothing_is_kept()
    {
        var cache = new AssessmentCache(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MyeloDx:AssessmentCacheEntries"] = "0" }).Build(), WebApp.Service);
        var key = cache.Key("{}", null);
        cache.Offer(key, [1]);
        cache.Offer(key, [1]);
        Assert.False(cache.TryGet(key, out _));
    }
}
