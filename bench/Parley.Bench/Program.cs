// Parley's benchmarks: each prints its figures beside a baseline measured in the same run.
var usage = "usage: dotnet run -c Release --project bench/Parley.Bench -- <liquid [options] | audio [frames] | "
    + Parley.Bench.Calls.CallsBenchOptions.Usage["usage: ".Length..] + ">";

return args switch
{
    ["liquid", .. var rest] => Parley.Bench.Liquid.LiquidBench.Run(rest),
    ["audio", .. var rest] => Parley.Bench.Audio.AudioBench.Run(rest),
    ["calls", .. var rest] => Parley.Bench.Calls.CallsBench.Run(rest),
    // The Parley side of "calls", started by it as a child process; not meant to be run by hand.
    ["calls-server"] => Parley.Bench.Calls.ChildBenchServer.Serve(bare: false),
    ["calls-server", "--bare"] => Parley.Bench.Calls.ChildBenchServer.Serve(bare: true),
    _ => Fail(),
};

int Fail()
{
    Console.Error.WriteLine(usage);
    return 2;
}
