using System.Text.Json.Nodes;
using Parley.Cli.Liquid;

namespace Parley.Liquid.Tests.Cli;

public sealed class LiquidBatchCommandTests
{
    static (int Code, string Out, string Err) Run(string input, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = LiquidCommand.Run(args, new StringReader(input), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Batch_writes_one_result_line_per_case_in_order()
    {
        var input = """
            {"id":"a","template":"Hi {{ name }}","context":{"name":"Jo"}}
            {"id":"b","template":"{% if %}","context":{}}
            {"id":"c","template":"{{ \"now\" | date: \"%Y-%m-%d %H:%M\" }}","context":{}}
            """;
        var (code, output, _) = Run(input, "batch", "--now", "2024-02-29T23:45:30Z");
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();
        Assert.Equal(3, lines.Length);
        Assert.Equal("a", lines[0]["id"]!.GetValue<string>());
        Assert.Equal("Hi Jo", lines[0]["output"]!.GetValue<string>());
        Assert.NotNull(lines[1]["error"]);
        Assert.Null(lines[1]["output"]);
        Assert.Equal("2024-02-29 23:45", lines[2]["output"]!.GetValue<string>());
    }

    [Fact]
    public void Unknown_subcommand_prints_usage_and_exits_2()
    {
        var (code, _, err) = Run("", "explode");
        Assert.Equal(2, code);
        Assert.Contains("usage", err);
    }

    [Fact]
    public void Unknown_top_level_command_prints_usage_and_exits_2()
    {
        var stderr = new StringWriter();
        var original = Console.Error;
        Console.SetError(stderr);
        try
        {
            var entry = typeof(LiquidCommand).Assembly.EntryPoint!;
            var code = (int)entry.Invoke(null, [new[] { "nonsense" }])!;
            Assert.Equal(2, code);
        }
        finally { Console.SetError(original); }
        Assert.Contains("usage", stderr.ToString());
    }
}
