using System.Text.Json.Nodes;

namespace Parley.Liquid.Tests;

/// <summary>One case of the LiquidJS conformance corpus.</summary>
public sealed record ConformanceCase(string Id, string Category, string Template, JsonObject Context, string? Expected, bool ExpectsError);

/// <summary>Finds and reads <c>shared/conformance/liquid/public.jsonl</c> beside the repository.</summary>
public static class ConformanceCorpus
{
    /// <summary>The frozen clock the corpus was rendered with.</summary>
    public static readonly DateTimeOffset FrozenNow = DateTimeOffset.Parse("2024-02-29T23:45:30Z");

    public static string? FindFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance", "liquid", "public.jsonl");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static List<ConformanceCase> Load()
    {
        var file = FindFile() ?? throw new FileNotFoundException(
            "shared/conformance/liquid/public.jsonl was not found in any folder above " + AppContext.BaseDirectory);
        return File.ReadAllText(file).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToList();
    }

    public static ConformanceCase Parse(string line)
    {
        var json = JsonNode.Parse(line)!.AsObject();
        return new ConformanceCase(
            json["id"]!.GetValue<string>(),
            json["category"]!.GetValue<string>(),
            json["template"]!.GetValue<string>(),
            json["context"] as JsonObject ?? new JsonObject(),
            json["expected"]?.GetValue<string>(),
            json["error"]?.GetValue<bool>() == true);
    }
}
