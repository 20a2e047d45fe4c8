using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Parley.Bench.Calls;

/// <summary>
/// Parley in a process of its own, as in a real deployment: this bench binary started again as <c>calls-server</c>.
/// It answers one-line requests on stdin ("sample", "ended") with one line on stdout, so its CPU and memory are
/// its own and not the callers'.
/// </summary>
public sealed class ChildBenchServer : IBenchServer
{
    private readonly Process _child;
    private readonly SemaphoreSlim _exchange = new(1);

    private ChildBenchServer(Process child, Uri endpoint)
    {
        _child = child;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public bool SeparateProcess => true;

    public static async Task<ChildBenchServer> StartAsync()
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Started as "dotnet Parley.Bench.dll" the process path is the host; started through the apphost it is the bench.
        var self = Environment.ProcessPath!;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.FileName = self;
            start.ArgumentList.Add(typeof(ChildBenchServer).Assembly.Location);
        }
        else
        {
            start.FileName = self;
        }
        start.ArgumentList.Add("calls-server");
        var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the calls-server process");
        var line = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (line is null || !line.StartsWith("endpoint ", StringComparison.Ordinal))
        {
            child.Kill();
            throw new InvalidOperationException("calls-server did not report its endpoint: " + line);
        }
        return new ChildBenchServer(child, new Uri(line["endpoint ".Length..]));
    }

    public async Task<ServerSample> SampleAsync(bool collect = false)
    {
        var parts = (await AskAsync(collect ? "collect" : "sample")).Split(' ');
        return new ServerSample(TimeSpan.FromTicks(long.Parse(parts[0], CultureInfo.InvariantCulture)),
            long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    public async Task<IReadOnlyDictionary<string, int>> TakeEndedReasonsAsync() =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(await AskAsync("ended")) ?? [];

    private async Task<string> AskAsync(string request)
    {
        await _exchange.WaitAsync();
        try
        {
            await _child.StandardInput.WriteLineAsync(request);
            await _child.StandardInput.FlushAsync();
            return await _child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))
                ?? throw new InvalidOperationException("calls-server exited");
        }
        finally
        {
            _exchange.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _child.StandardInput.Close();
        if (!_child.WaitForExit(TimeSpan.FromSeconds(10))) _child.Kill();
        await _child.WaitForExitAsync();
        _child.Dispose();
    }

    /// <summary>The child's side: serves calls and answers requests until stdin closes.</summary>
    public static async Task<int> ServeAsync()
    {
        await using var server = await BenchServer.StartAsync(new BenchLatencies());
        Console.WriteLine("endpoint " + server.Endpoint);
        while (await Console.In.ReadLineAsync() is { } request)
        {
            switch (request)
            {
                case "sample" or "collect":
                    var sample = await server.SampleAsync(collect: request == "collect");
                    Console.WriteLine(FormattableString.Invariant($"{sample.Cpu.Ticks} {sample.WorkingSet} {sample.Heap}"));
                    break;
                case "ended":
                    Console.WriteLine(JsonSerializer.Serialize(await server.TakeEndedReasonsAsync()));
                    break;
                default:
                    Console.WriteLine("unknown request");
                    break;
            }
        }
        return 0;
    }
}
