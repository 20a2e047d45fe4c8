namespace Parley.Liquid.Tests.Conformance;

/// <summary>Finds shared/conformance/liquid/public.jsonl by walking up from the test binaries.</summary>
public static class CorpusLocator
{
    const string Relative = "shared/conformance/liquid/public.jsonl";

    public static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, Relative);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static string FindOrFail() => Find() ?? throw new Xunit.Sdk.XunitException(
        $"Liquid corpus not found: no folder above {AppContext.BaseDirectory} contains {Relative}. " +
        "Clone the repo beside the shared folder (<parent>/<repo> and <parent>/shared).");
}
