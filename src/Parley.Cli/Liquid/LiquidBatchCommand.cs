using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Liquid;

namespace Parley.Cli.Liquid;

/// <summary>
/// <c>parley liquid batch [--now ISO-8601]</c>: renders conformance-format cases (JSON lines on stdin) in one
/// process and writes <c>{"id", "output"}</c> or <c>{"id", "error"}</c> per line to stdout.
/// </summary>
public static class LiquidBatchCommand
{
    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var clock = TimeProvider.System;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--now" && i + 1 < args.Length)
            {
                if (!DateTimeOffset.TryParse(args[++i], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var now))
                {
                    error.WriteLine($"--now: '{args[i]}' is not an ISO-8601 instant");
                    return 2;
                }
                clock = new FrozenClock(now);
            }
            else
            {
                error.WriteLine($"unknown option '{args[i]}'; usage: parley liquid batch [--now <ISO-8601 instant>]");
                return 2;
            }
        }

        var engine = new LiquidEngine(new LiquidOptions { Clock = clock });
        var writerOptions = new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        string? line;
        var lineNumber = 0;
        while ((line = input.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            JsonObject result;
            try
            {
                var testCase = JsonNode.Parse(line) as JsonObject ?? throw new JsonException("not an object");
                var id = testCase["id"]?.DeepClone();
                result = new JsonObject { ["id"] = id };
                try
                {
                    result["output"] = engine.Render(testCase["template"]?.GetValue<string>() ?? "", testCase["context"] as JsonObject);
                }
                catch (LiquidException e)
                {
                    result["error"] = e.Message;
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                result = new JsonObject { ["id"] = null, ["error"] = $"line {lineNumber} is not a valid case: {e.Message}" };
            }
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, writerOptions)) result.WriteTo(writer);
            output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        }
        output.Flush();
        return 0;
    }

    private sealed class FrozenClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
