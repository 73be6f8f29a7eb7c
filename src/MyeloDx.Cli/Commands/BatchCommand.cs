using System.Buffers;
using System.CommandLine;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MyeloDx.Core.Contract;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Inference;
using Spectre.Console;

namespace MyeloDx.Cli.Commands;

/// <summary>
/// JSON lines in, JSON lines out, in order, streaming with constant memory. A bad line gets an error line and the
/// batch goes on. The contract is in ../shared/product.md.
/// </summary>
internal static class BatchCommand
{
    public const int MaxLineChars = 1_000_000;

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "JSON lines: {\"id\":..., \"text\":...} or {\"id\":..., \"case\":{...}}; '-' reads stdin" };
        var context = new Option<string?>("--prior-context") { Description = "Population the priors describe" };
        var cmd = new Command("batch", "Assess many cases from a JSON-lines file, one output line per input line.") { file, context };
        cmd.SetAction(r => CliRunner.Guard(() => Run(r.GetValue(file)!, r.GetValue(context))));
        return cmd;
    }

    private static int Run(string path, string? context)
    {
        if (path != "-" && !File.Exists(path)) throw new InputException("MDX-IN010", path, "file not found");
        var svc = Services.Assessment; // load knowledge before reading input
        // stdout carries only the JSON-lines contract; the caveat goes to stderr once per batch.
        Console.Error.WriteLine("note: " + Assessment.Caveat);
        using var input = path == "-" ? new StreamReader(Console.OpenStandardInput(), Encoding.UTF8) : new StreamReader(path, Encoding.UTF8, true, 1 << 16);
        // Each line serialised straight to UTF-8 (a writer with default options escapes exactly as ContractJson.Compact
        // does) into one growing buffer, written to stdout in chunks of ~64 KB. The writer used to sit on the stream,
        // and its Flush flushes the stream too: one write(2) per line, a fifth of the time of writing a structured line.
        // Lines read from stdin are still written one by one, so a caller that feeds a pipe and waits gets each answer.
        using var stdout = Console.OpenStandardOutput();
        var buffer = new ArrayBufferWriter<byte>(1 << 17);
        using var json = new Utf8JsonWriter(buffer);
        var chunk = path == "-" ? 0 : 1 << 16;
        void Write(BatchLine line)
        {
            BatchLineWriter.Write(json, line);
            json.Flush();
            json.Reset();
            buffer.GetSpan(1)[0] = (byte)'\n';
            buffer.Advance(1);
            if (buffer.WrittenCount > chunk) Drain();
        }
        void Drain()
        {
            stdout.Write(buffer.WrittenSpan);
            stdout.Flush();
            buffer.ResetWrittenCount();
        }
        var total = path == "-" ? 0 : new FileInfo(path).Length;
        var showProgress = !Console.IsErrorRedirected && total > 200_000;
        void Loop(Action<long>? tick)
        {
            string? line; var n = 0; long bytes = 0;
            // what was answered before a failure (an unreadable input file) still reaches stdout
            try
            {
                while ((line = input.ReadLine()) is not null)
                {
                    n++;
                    bytes += line.Length + 1;
                    if (string.IsNullOrWhiteSpace(line)) { Write(Error(null, $"line {n}: empty line")); continue; }
                    Write(One(line, n, context));
                    if (tick is not null && n % 200 == 0) tick(bytes);
                }
            }
            finally { Drain(); }
        }
        if (showProgress)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            console.Progress().Start(ctx =>
            {
                var task = ctx.AddTask("assessing", maxValue: total);
                Loop(b => task.Value = b);
                task.Value = total;
            });
        }
        else Loop(null);
        return CliRunner.Ok;
    }

    // One and Fast run once per line and have no loop, so without this they stayed tier-0 code for a whole
    // 20,000-line batch pinned to one core (no tier-1 compilation happened in it at all; issue 17)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static BatchLine One(string line, int n, string? context)
    {
        JsonNode? id = null;
        var where = $"line {n}";
        try
        {
            if (line.Length > MaxLineChars) return Error(null, $"line {n}: longer than {MaxLineChars} characters");
            if (BatchLineReader.TryRead(line, where, out var fast)) return Fast(fast, where, context);
            // The shared normalisation step: a lone surrogate or a NUL in one line never stops the batch.
            JsonNode? node;
            try { node = InputNormalizer.ParseJson(line, where); }
            catch (InputException e) when (e.Code == "MDX-IN001") { return Error(null, $"line {n}: not valid JSON"); }
            if (node is not JsonObject root) return Error(null, $"line {n}: expected a JSON object");
            id = root["id"]?.DeepClone();
            MyeloDx.Core.Services.CaseInput ci;
            if (root["case"] is { } caseNode)
            {
                if (caseNode is JsonObject co && co.ContainsKey("resourceType"))
                    ci = InputReader.FromFhir(co.ToJsonString(), where);
                else
                {
                    using var doc = JsonDocument.Parse(caseNode.ToJsonString());
                    ci = MeaningfulCase.Require(Services.Assessment.FromCase(MyeloDx.Core.Cases.CaseJson.FromElement(doc.RootElement, where + " case")), where + " case");
                }
            }
            else if (root.ContainsKey("text"))
            {
                if (root["text"] is not JsonValue tv || tv.GetValueKind() != JsonValueKind.String) return Error(id, $"line {n}: \"text\" must be a string");
                ci = InputReader.FromText(tv.GetValue<string>(), where);
            }
            else return Error(id, $"line {n}: neither \"case\" nor \"text\" given");
            var a = Services.Assessment.Rank(ci, context);
            return new BatchLine(Id(id), AssessmentJson.Differential(a));
        }
        catch (InputException e) { return Error(id?.DeepClone(), e.OneLine); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Never stop the batch: this line gets a coded error object (no stack trace, no patient text) and the next line goes on.
            return Error(id?.DeepClone(), $"MDX-INT001 at {where}: internal error ({e.GetType().Name})");
        }
    }

    /// <summary>A line the fast path read: the same steps and the same error lines as the general path after its parse.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static BatchLine Fast(BatchLineReader.Line line, string where, string? context)
    {
        try
        {
            var input = line.Case is { } c
                ? MeaningfulCase.Require(Services.Assessment.FromCase(c), where + " case")
                : InputReader.FromText(line.Text!, where);
            return new BatchLine(line.Id, AssessmentJson.Differential(Services.Assessment.Rank(input, context)));
        }
        catch (InputException e) { return new BatchLine(line.Id, Error: e.OneLine); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new BatchLine(line.Id, Error: $"MDX-INT001 at {where}: internal error ({e.GetType().Name})");
        }
    }

    /// <summary>The case of one JSON line ("case": structured or FHIR, or "text"); null with a message when neither is usable.</summary>
    internal static MyeloDx.Core.Services.CaseInput? ReadCase(JsonElement root, int n, out string? problem)
    {
        var where = $"line {n}";
        problem = null;
        if (root.TryGetProperty("case", out var caseEl))
        {
            if (caseEl.ValueKind == JsonValueKind.Object && caseEl.TryGetProperty("resourceType", out _))
                return InputReader.FromFhir(caseEl.GetRawText(), where);
            return Services.Assessment.FromCase(MyeloDx.Core.Cases.CaseJson.FromElement(caseEl, where + " case"));
        }
        if (root.TryGetProperty("text", out var textEl))
        {
            if (textEl.ValueKind == JsonValueKind.String) return InputReader.FromText(textEl.GetString()!, where);
            problem = $"line {n}: \"text\" must be a string";
            return null;
        }
        problem = $"line {n}: neither \"case\" nor \"text\" given";
        return null;
    }

    private static BatchLine Error(JsonNode? id, string message) => new(Id(id), Error: message);

    /// <summary>The id exactly as given (string, number or anything else), echoed so the caller can match lines.</summary>
    private static JsonElement? Id(JsonNode? id)
    {
        if (id is null) return null;
        using var doc = JsonDocument.Parse(id.ToJsonString());
        return doc.RootElement.Clone();
    }
}
