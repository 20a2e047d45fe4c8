using System.Diagnostics;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>Runs node scripts from the repository, installing their npm packages on first use.</summary>
public static class NodeTooling
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static string? UnavailableReason
    {
        get
        {
            try
            {
                var (code, _) = Run("node", ["--version"], Directory.GetCurrentDirectory(), TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();
                return code == 0 ? null : "node is not installed (Node.js 18+ is needed for the SDK end-to-end test)";
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return "node is not installed (Node.js 18+ is needed for the SDK end-to-end test)";
            }
        }
    }

    /// <summary>Runs <c>npm ci</c> in the folder once, when its node_modules is missing.</summary>
    public static async Task EnsureInstalledAsync(string folder)
    {
        await InstallLock.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(folder, "node_modules"))) return;
            var (code, output) = await Run("npm", ["ci", "--no-audit", "--no-fund"], folder, TimeSpan.FromMinutes(5));
            if (code != 0) throw new InvalidOperationException($"npm ci failed in {folder}:\n{output}");
        }
        finally
        {
            InstallLock.Release();
        }
    }

    public static async Task<(int ExitCode, string Output)> Run(string file, string[] args, string workingDirectory, TimeSpan timeout,
        IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}\n{await stdout}\n{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
