using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// The real server as a separate process, started the way a user starts it (its own dll, a data directory,
/// a bootstrap key) on a free loopback port, and stopped when disposed.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    public string BaseUrl { get; private set; }
    public string PrivateKey { get; }
    public string DataDirectory { get; }

    private ServerProcess(Process process, string baseUrl, string privateKey, string dataDirectory)
    {
        _process = process;
        BaseUrl = baseUrl;
        PrivateKey = privateKey;
        DataDirectory = dataDirectory;
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static async Task<ServerProcess> StartAsync(IDictionary<string, string>? environment = null, TimeSpan? timeout = null,
        string? dataDirectory = null, string? privateKey = null, string? workingDirectory = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Parley.Server.dll");
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "parley-e2e", Guid.NewGuid().ToString("n"));
        var key = privateKey ?? Guid.NewGuid().ToString();
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PARLEY_DATA_DIR"] = dataDirectory;
        start.Environment["PARLEY_BOOTSTRAP_KEY"] = key;
        start.Environment["PARLEY_DATABASE_URL"] = "";
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server");
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new ServerProcess(process, "", key, dataDirectory);
        void OnLine(string? line)
        {
            if (line is null) return;
            lock (server._output) server._output.AppendLine(line);
            var match = ListeningLine().Match(line);
            if (match.Success) listening.TrySetResult(match.Groups[1].Value);
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var finished = await Task.WhenAny(listening.Task, Task.Delay(timeout ?? TimeSpan.FromSeconds(60)), process.WaitForExitAsync());
        if (finished != listening.Task)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"the server did not start listening:\n{server.Output}");
        }
        server.BaseUrl = listening.Task.Result;
        return server;
    }

    /// <summary>The output once it contains <paramref name="text"/>, or as it is after 10 s (the test's assertion then says what is missing).</summary>
    public async Task<string> WaitForOutputAsync(string text)
    {
        for (var waited = 0; waited < 200 && !Output.Contains(text, StringComparison.Ordinal); waited++) await Task.Delay(50);
        return Output;
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    /// <summary>Stops the process but keeps its data directory, for restart tests.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
