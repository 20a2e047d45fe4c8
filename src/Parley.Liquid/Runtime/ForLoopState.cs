namespace Parley.Liquid.Runtime;

/// <summary>The <c>forloop</c> object; properties are computed from the position rather than stored.</summary>
internal sealed class ForLoopState(int length, string name)
{
    public int Index;
    public int Length => length;

    public object? Get(string key) => key switch
    {
        "index" => (double)(Index + 1),
        "index0" => (double)Index,
        "rindex" => (double)(length - Index),
        "rindex0" => (double)(length - Index - 1),
        "first" => Index == 0,
        "last" => Index == length - 1,
        "length" => (double)length,
        "name" => name,
        _ => null,
    };

    public override string ToString() => $"{{\"i\":{Index},\"length\":{length},\"name\":{System.Text.Json.JsonSerializer.Serialize(name)}}}";
}

/// <summary>The <c>tablerowloop</c> object.</summary>
internal sealed class TableRowState(int length, int cols)
{
    public int Index;

    public object? Get(string key) => key switch
    {
        "index" => (double)(Index + 1),
        "index0" => (double)Index,
        "rindex" => (double)(length - Index),
        "rindex0" => (double)(length - Index - 1),
        "first" => Index == 0,
        "last" => Index == length - 1,
        "length" => (double)length,
        "col" => (double)(Index % cols + 1),
        "col0" => (double)(Index % cols),
        "col_first" => Index % cols == 0,
        "col_last" => Index % cols == cols - 1,
        "row" => (double)(Index / cols + 1),
        _ => null,
    };
}
