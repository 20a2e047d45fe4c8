using Parley.Cli.Liquid;

// The `parley` command: a small dispatcher; each command lives in its own folder.
const string Usage = "usage: parley liquid batch [--now <ISO-8601 instant>]";

return args switch
{
    ["liquid", "batch", .. var rest] => LiquidBatchCommand.Run(rest, Console.In, Console.Out, Console.Error),
    _ => Fail(),
};

static int Fail()
{
    Console.Error.WriteLine(Usage);
    return 2;
}
