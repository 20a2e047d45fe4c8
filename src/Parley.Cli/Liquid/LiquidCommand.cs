using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Liquid;

namespace Parley.Cli.Liquid;

/// <summary><c>parley liquid batch [--now ISO]</c>: renders JSONL cases from stdin, one JSON result line each.</summary>
public static class LiquidCommand
{
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] != "batch") return Usage(stderr);
        TimeProvider clock = TimeProvider.System;
        for (int i = 1; i < args.Length; i++)
        {
            if (args[i] == "--now" && i + 1 < args.Length &&
                DateTimeOffset.TryParse(args[i + 1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var now))
            {
                clock = new FixedTimeProvider(now.ToUniversalTime());
                i++;
            }
            else return Usage(stderr);
        }
        var engine = new LiquidEngine(new LiquidOptions { Clock = clock });
        string? line;
        while ((line = stdin.ReadLine()) is not null)
        {
            if (line.Length == 0) continue;
            var result = new JsonObject();
            try
            {
                var c = JsonNode.Parse(line)!.AsObject();
                result["id"] = c["id"]?.DeepClone();
                try
                {
                    result["output"] = engine.Render(c["template"]!.GetValue<string>(), c["context"] as JsonObject);
                }
                catch (LiquidException ex)
                {
                    result["error"] = ex.Message;
                }
            }
            catch (JsonException ex)
            {
                result["error"] = "invalid case line: " + ex.Message;
            }
            stdout.WriteLine(result.ToJsonString());
        }
        stdout.Flush();
        return 0;
    }

    static int Usage(TextWriter stderr)
    {
        stderr.WriteLine("usage: parley liquid batch [--now <ISO-8601 instant>]");
        return 2;
    }
}
