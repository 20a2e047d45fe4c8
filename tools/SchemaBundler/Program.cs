using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Tools.SchemaBundler;

// Builds src/Parley.Core/Wire/Schema/vapi-schemas.json from Vapi's published OpenAPI documents.
// Usage: dotnet run --project tools/SchemaBundler [referenceDir] [outputFile]
var repoRoot = FindRepoRoot(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory();
var referenceDir = args.Length > 0 ? args[0] : "/work/shared/reference";
var outputPath = args.Length > 1 ? args[1] : Path.Combine(repoRoot, "src/Parley.Core/Wire/Schema/vapi-schemas.json");

var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(referenceDir, "vapi-openapi.json")))!;
var components = spec["components"]!["schemas"]!.AsObject();

var minified = new JsonObject();
foreach (var (name, schema) in components)
    minified[name] = SchemaMinifier.Minify(schema!, $"{name}");

LegacyPatches.Apply(minified);
RequestUnions.Add(minified, components);
DiscriminatorInference.Apply(minified);

var bundle = Reachability.Keep(minified, RequestUnions.RootNames(minified));
var json = bundle.ToJsonString(new JsonSerializerOptions { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
File.WriteAllText(outputPath, json);
Console.WriteLine($"wrote {outputPath}: {bundle.Count} schemas, {json.Length / 1024.0:F0} KB");
foreach (var group in SchemaMinifier.Notes.Distinct().GroupBy(NoteKind))
    Console.WriteLine($"note: {group.First()} (+{group.Count() - 1} alike)");

static string NoteKind(string note) =>
    note.Contains(" (") ? note[..note.IndexOf(" (", StringComparison.Ordinal)] : note[(note.IndexOf(": ", StringComparison.Ordinal) + 2)..];

static string? FindRepoRoot(string start)
{
    for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Parley.slnx"))) return dir.FullName;
    return null;
}
