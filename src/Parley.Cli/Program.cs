using Parley.Cli.Liquid;

// A small dispatcher: each command lives in its own folder and takes the remaining arguments.
if (args.Length > 0 && args[0] == "liquid")
    return LiquidCommand.Run(args[1..], Console.In, Console.Out, Console.Error);

Console.Error.WriteLine("usage: parley <command> ...");
Console.Error.WriteLine("commands:");
Console.Error.WriteLine("  liquid batch [--now <ISO-8601 instant>]   render JSONL cases from stdin");
return 2;
