using Parley.Bench.Liquid;

// Dispatcher: one benchmark per folder, chosen by the first argument.
if (args.Length > 0 && args[0] == "liquid") return LiquidBench.Run(args[1..]);

Console.Error.WriteLine("usage: Parley.Bench <benchmark>");
Console.Error.WriteLine("benchmarks: liquid");
return 2;
