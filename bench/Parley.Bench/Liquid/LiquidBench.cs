using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Liquid;

namespace Parley.Bench.Liquid;

/// <summary>
/// Renders the public conformance corpus plus realistic tool templates with Parley's engine and with LiquidJS
/// (node, same cases, same run) and prints throughput, allocations per render and the ratio.
/// Usage: <c>dotnet run -c Release --project bench/Parley.Bench -- liquid [seconds]</c>.
/// </summary>
public static class LiquidBench
{
    public static int Run(string[] args)
    {
        var seconds = args.Length > 0 && double.TryParse(args[0], out var s) ? s : 3;
        var root = FindRoot();
        var cases = LoadCases(root);
        var casesFile = Path.Combine(Path.GetTempPath(), $"parley-liquid-bench-{Environment.ProcessId}.json");
        File.WriteAllText(casesFile, new JsonArray(cases.Select(c => (JsonNode?)new JsonObject { ["template"] = c.Template, ["context"] = c.Context.DeepClone() }).ToArray()).ToJsonString());

        var engine = new LiquidEngine(new LiquidOptions { Clock = new Frozen(DateTimeOffset.Parse("2024-02-29T23:45:30Z")) });
        var parsed = new List<(LiquidTemplate Template, JsonObject Context)>();
        foreach (var (template, context) in cases)
        {
            try { parsed.Add((engine.Parse(template), context)); }
            catch (LiquidException) { /* error cases are skipped on both sides */ }
        }
        void RenderAll()
        {
            foreach (var (template, context) in parsed)
            {
                try { engine.Render(template, context); }
                catch (LiquidException) { }
            }
        }

        for (var i = 0; i < 20; i++) RenderAll();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var renders = 0L;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            RenderAll();
            renders += parsed.Count;
        }
        watch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var parleyRate = renders / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"Parley.Liquid : {parsed.Count} cases, {parleyRate:N0} renders/s, {allocated / (double)renders:N0} B allocated per render");

        var baseline = RunLiquidJs(root, casesFile, seconds);
        File.Delete(casesFile);
        if (baseline is null) return 1;
        Console.WriteLine($"LiquidJS      : {baseline.Value.Cases} cases, {baseline.Value.Rate:N0} renders/s");
        Console.WriteLine($"Ratio         : Parley renders {parleyRate / baseline.Value.Rate:0.00}x LiquidJS's throughput (target >= 5x)");
        return 0;
    }

    private static List<(string Template, JsonObject Context)> LoadCases(string root)
    {
        var corpus = Path.Combine(Path.GetDirectoryName(root)!, "shared", "conformance", "liquid", "public.jsonl");
        var cases = new List<(string, JsonObject)>();
        if (File.Exists(corpus))
            foreach (var line in File.ReadLines(corpus).Where(l => l.Length > 0))
            {
                var json = JsonNode.Parse(line)!.AsObject();
                cases.Add((json["template"]!.GetValue<string>(), json["context"] as JsonObject ?? new JsonObject()));
            }
        else
            Console.WriteLine($"(corpus not found at {corpus}; using the tool templates only)");
        cases.AddRange(ToolTemplates.Cases());
        return cases;
    }

    private static (int Cases, double Rate)? RunLiquidJs(string root, string casesFile, double seconds)
    {
        var folder = Path.Combine(root, "bench", "liquidjs");
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            Console.WriteLine("Installing liquidjs for the baseline (npm ci)...");
            if (Exec("npm", ["ci", "--no-audit", "--no-fund"], folder, out var installOutput) != 0)
            {
                Console.WriteLine("npm ci failed; no baseline:\n" + installOutput);
                return null;
            }
        }
        if (Exec("node", ["bench.mjs", casesFile, seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)], folder, out var output) != 0)
        {
            Console.WriteLine("LiquidJS baseline failed:\n" + output);
            return null;
        }
        var result = JsonNode.Parse(output.Trim().Split('\n').Last())!;
        return (result["cases"]!.GetValue<int>(), result["rendersPerSecond"]!.GetValue<double>());
    }

    private static int Exec(string file, string[] args, string folder, out string output)
    {
        var start = new ProcessStartInfo(file, args) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        output = stdout.Result + stderr;
        return process.ExitCode;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Parley.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }

    private sealed class Frozen(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
