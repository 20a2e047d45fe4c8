using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Parley.Bench.Calls;

/// <summary>
/// Parley in a process of its own, as in a real deployment: this bench binary started again as <c>calls-server</c>.
/// It answers one-line requests on stdin ("sample", "collect", "ended") with one line on stdout, so its CPU and memory are
/// its own and not the callers'.
/// </summary>
public sealed class ChildBenchServer : IBenchServer
{
    private readonly Process _child;
    private readonly SemaphoreSlim _exchange = new(1);

    /// <summary>How long the child may take to start or to answer one request before the run gives up on it.</summary>
    private static readonly TimeSpan RequestLimit = TimeSpan.FromSeconds(60);

    private ChildBenchServer(Process child, Uri endpoint, bool bare)
    {
        _child = child;
        Endpoint = endpoint;
        Bare = bare;
    }

    public Uri Endpoint { get; }

    public bool SeparateProcess => true;

    public bool Bare { get; }

    public static async Task<ChildBenchServer> StartAsync(BenchLatencies latencies, bool bare)
    {
        // The child builds its own BenchLatencies: the waits the parent subtracts must be the ones the child uses.
        if (latencies != new BenchLatencies()) throw new ArgumentException("a calls-server child runs with the default latencies only", nameof(latencies));
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Started as "dotnet Parley.Bench.dll" the process path is the host; started through the apphost it is the bench.
        start.FileName = Environment.ProcessPath!;
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet") start.ArgumentList.Add(typeof(ChildBenchServer).Assembly.Location);
        start.ArgumentList.Add("calls-server");
        if (bare) start.ArgumentList.Add("--bare");
        var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the calls-server process");
        string? line;
        try
        {
            line = await child.StandardOutput.ReadLineAsync().WaitAsync(RequestLimit);
        }
        catch (TimeoutException)
        {
            line = "(nothing within " + RequestLimit.TotalSeconds + " s)";
        }
        if (line is null || !line.StartsWith("endpoint ", StringComparison.Ordinal))
        {
            child.Kill(entireProcessTree: true);
            throw new InvalidOperationException("calls-server did not report its endpoint: " + line);
        }
        return new ChildBenchServer(child, new Uri(line["endpoint ".Length..]), bare);
    }

    public async Task<ServerSample> SampleAsync(bool collect = false)
    {
        var parts = (await AskAsync(collect ? "collect" : "sample")).Split(' ');
        return new ServerSample(TimeSpan.FromTicks(long.Parse(parts[0], CultureInfo.InvariantCulture)),
            long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture),
            int.Parse(parts[3], CultureInfo.InvariantCulture), TimeSpan.FromTicks(long.Parse(parts[4], CultureInfo.InvariantCulture)),
            int.Parse(parts[5], CultureInfo.InvariantCulture), long.Parse(parts[6], CultureInfo.InvariantCulture), long.Parse(parts[7], CultureInfo.InvariantCulture));
    }

    public async Task<IReadOnlyDictionary<string, int>> TakeEndedReasonsAsync() =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(await AskAsync("ended")) ?? [];

    public async Task<string?> TakeTurnStagesAsync() => await AskAsync("stages") is { Length: > 0 } line ? line : null;

    private async Task<string> AskAsync(string request)
    {
        await _exchange.WaitAsync();
        try
        {
            await _child.StandardInput.WriteLineAsync(request);
            await _child.StandardInput.FlushAsync();
            return await _child.StandardOutput.ReadLineAsync().WaitAsync(RequestLimit)
                ?? throw new InvalidOperationException("calls-server exited");
        }
        catch (TimeoutException)
        {
            // A read still pending would take the next answer for this one: the child is unusable, so it goes.
            _child.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"calls-server did not answer '{request}' within {RequestLimit.TotalSeconds} s");
        }
        finally
        {
            _exchange.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The child may already be gone (killed after a timeout): closing a broken pipe is no error here.
        try { _child.StandardInput.Close(); } catch (IOException) { }
        if (!_child.WaitForExit(TimeSpan.FromSeconds(10))) _child.Kill();
        await _child.WaitForExitAsync();
        _child.Dispose();
    }

    /// <summary>
    /// The child's side: serves calls and answers requests until stdin closes. Runs on the main thread: reading the
    /// console blocks, and a thread-pool worker held for the whole run would skew a bench that measures the pool.
    /// </summary>
    public static int Serve(bool bare)
    {
        using var allocations = AllocationSampler.FromEnvironment();
        // As the real server does; the bare baseline too, so the two differ only in Parley.
        Parley.Core.Calls.Transport.LiveCallThreadPool.Widen();
        var server = BenchServer.StartAsync(new BenchLatencies(), bare).GetAwaiter().GetResult();
        Console.WriteLine("endpoint " + server.Endpoint);
        while (Console.In.ReadLine() is { } request)
        {
            switch (request)
            {
                case "sample" or "collect":
                    var sample = server.SampleAsync(collect: request == "collect").GetAwaiter().GetResult();
                    Console.WriteLine(FormattableString.Invariant($"{sample.Cpu.Ticks} {sample.WorkingSet} {sample.Heap} {sample.Collections} {sample.GcPause.Ticks} {sample.PoolThreads} {sample.PoolQueue} {sample.PoolItemsDone}"));
                    break;
                case "ended":
                    allocations?.Report(Console.Error);
                    Console.WriteLine(JsonSerializer.Serialize(server.TakeEndedReasonsAsync().GetAwaiter().GetResult()));
                    break;
                case "stages":
                    // One line either way: an empty one says there is nothing (the baseline's answer).
                    Console.WriteLine(server.TakeTurnStagesAsync().GetAwaiter().GetResult() ?? "");
                    break;
                default:
                    Console.WriteLine("unknown request");
                    break;
            }
        }
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return 0;
    }
}
