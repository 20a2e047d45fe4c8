using System.Diagnostics;

namespace Parley.Bench.Calls;

/// <summary>
/// N concurrent calls over real WebSockets on loopback against one Parley call server (in a process of its own unless
/// --same-process): how much latency
/// Parley adds on top of the set provider and VAD waits, how fast barge-in stops the assistant, how many output
/// frames come late, and what a call costs in CPU and memory. One table row per N.
/// </summary>
public static class CallsBench
{
    public static int Run(string[] args)
    {
        if (!CallsBenchOptions.TryParse(args, out var options, out var problem))
        {
            Console.Error.WriteLine(problem);
            Console.Error.WriteLine(CallsBenchOptions.Usage);
            return 2;
        }
        return RunAsync(options).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(CallsBenchOptions options)
    {
        var latencies = new BenchLatencies();
        var audio = CallerAudio.Create();
        if (audio.CheckWithVad(latencies.Vad) is { } problem)
        {
            Console.Error.WriteLine("bench caller audio rejected: " + problem);
            return 1;
        }
        await using IBenchServer server = await StartAsync(latencies, options.SameProcess, bare: false);
        await using IBenchServer? bare = options.Baseline ? await StartAsync(latencies, options.SameProcess, bare: true) : null;
        PrintPreamble(latencies, options, server.SeparateProcess);
        // The first call pays for JIT and tiering (100 ms stalls were seen); one short call first keeps that out of the table.
        var warmUp = options with { Duration = CallsBenchOptions.ScriptCycle, Ramp = TimeSpan.Zero };
        Console.Error.WriteLine($"warming up each server with one call of one script cycle ({warmUp.Duration.TotalSeconds:F0} s)...");
        foreach (var warming in new[] { bare, server }.OfType<IBenchServer>())
        {
            await RunCallsAsync(warming, audio, latencies, 1, warmUp);
            await warming.TakeEndedReasonsAsync();
            await warming.TakeTurnStagesAsync();
        }
        Console.WriteLine(CallsRow.Header);
        foreach (var count in options.Counts)
        {
            var baselineRow = bare is null ? null : await RunRowAsync(bare, audio, latencies, count, options);
            var row = await RunRowAsync(server, audio, latencies, count, options);
            if (baselineRow is not null) Console.WriteLine("    " + row.Against(baselineRow));
        }
        return 0;
    }

    private static async Task<IBenchServer> StartAsync(BenchLatencies latencies, bool sameProcess, bool bare) =>
        sameProcess ? await BenchServer.StartAsync(latencies, bare) : await ChildBenchServer.StartAsync(latencies, bare);

    private static async Task<CallsRow> RunRowAsync(IBenchServer server, CallerAudio audio, BenchLatencies latencies, int count, CallsBenchOptions options)
    {
        // A row takes the call length plus the ramp and the hang-ups; say so on stderr so the table stays clean.
        Console.Error.WriteLine($"running {count} call(s) against {(server.Bare ? "the bare baseline" : "Parley")} for at least {(options.Duration + options.Ramp).TotalSeconds:F0} s (each call finishes its script cycle)...");
        var row = await RunCallsAsync(server, audio, latencies, count, options);
        Console.WriteLine(row.Format());
        foreach (var note in row.Notes()) Console.WriteLine("    " + note);
        if (await server.TakeTurnStagesAsync() is { } stages) Console.WriteLine("    " + stages);
        foreach (var (reason, n) in (await server.TakeEndedReasonsAsync()).OrderByDescending(p => p.Value))
            if (reason != "customer-ended-call") Console.WriteLine($"    {n} call(s) ended with {reason}");
        return row;
    }

    private static async Task<CallsRow> RunCallsAsync(IBenchServer server, CallerAudio audio, BenchLatencies latencies, int count, CallsBenchOptions options)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var bench = Process.GetCurrentProcess();
        var before = await server.SampleAsync(collect: true);
        var watch = new ServerWatch(before);
        var benchCpuBefore = bench.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();

        using var deadline = new CancellationTokenSource(options.Duration + options.Ramp + TimeSpan.FromSeconds(60));
        using var stopWatching = new CancellationTokenSource();
        var watching = watch.WatchAsync(server, stopWatching.Token);
        var callers = Enumerable.Range(0, count).Select(_ => new BenchCaller(server.Endpoint, audio, latencies, options.Duration)).ToList();
        await Task.WhenAll(callers.Select((caller, i) => StartLaterAsync(caller, options.Ramp * i / count, deadline.Token)));

        var wall = Stopwatch.GetElapsedTime(started);
        var after = await server.SampleAsync();
        var cpu = after.Cpu - before.Cpu;
        bench.Refresh();
        TimeSpan? benchCpu = server.SeparateProcess ? bench.TotalProcessorTime - benchCpuBefore : null;
        stopWatching.Cancel();
        await watching;
        return CallsRow.From(server.Bare ? "bare" : "parley", count, callers.Select(c => c.Figures).ToList(), cpu, benchCpu, wall, watch,
            after.Collections - before.Collections, after.GcPause - before.GcPause, after.PoolItemsDone - before.PoolItemsDone);
    }

    private static async Task StartLaterAsync(BenchCaller caller, TimeSpan delay, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        await caller.RunAsync(cancellationToken);
    }

    private static void PrintPreamble(BenchLatencies l, CallsBenchOptions options, bool separateProcess)
    {
        if (options.Baseline)
            Console.WriteLine("baseline: each N runs first against 'bare', an agent on the same Kestrel and WebSockets with an energy gate and timers "
                + "for VAD, STT, model and voice and no Parley, then against Parley; the line under Parley's row compares the two");
        Console.WriteLine(separateProcess
            ? $"machine: {Environment.ProcessorCount} cores, shared by Parley (a process of its own: cpu%, cpu ms/s/call, MB/call) and the callers (this process: bench cpu%)"
            : $"machine: {Environment.ProcessorCount} cores; Parley and the callers share this process (cpu% and the per-call figures include the callers)");
        Console.WriteLine($"set waits: VAD stop {l.Vad.StopSeconds * 1000:F0} ms, STT final {l.SttFinal.TotalMilliseconds:F0} ms (+20 ms gate frame, overlaps the VAD stop), "
            + $"LLM first token {l.LlmFirstToken.TotalMilliseconds:F0} ms, TTS first byte {l.TtsFirstByte.TotalMilliseconds:F0} ms "
            + $"=> {l.ReplyPath.TotalMilliseconds:F0} ms subtracted from each reply");
        Console.WriteLine($"barge-in target: voiceSeconds {l.VoiceSeconds.TotalMilliseconds:F0} ms + 40 ms = {l.VoiceSeconds.TotalMilliseconds + 40:F0} ms; "
            + $"late >20ms: a frame arriving over 20 ms behind its reply's schedule (first frame + k·20 ms); gaps >25ms: jitter between consecutive frames; each call speaks for at least {options.Duration.TotalSeconds:F0} s, ending on a whole script cycle (about {CallsBenchOptions.ScriptCycle.TotalSeconds:F0} s each); "
            + $"calls start spread over {options.Ramp.TotalSeconds:F0} s");
    }
}
