using Parley.Liquid.Runtime;

namespace Parley.Liquid.Nodes;

/// <summary>
/// <c>{% for item in collection limit:n offset:n reversed %}...{% else %}...{% endfor %}</c> with the
/// <c>forloop</c> object, break and continue. Objects iterate as [key, value] pairs.
/// </summary>
internal sealed class ForNode(string variable, Expr collection, Expr? limit, Expr? offset, bool reversed, string name,
    IReadOnlyList<Node> body, IReadOnlyList<Node> elseBody) : Node
{
    public override Flow Render(RenderContext context)
    {
        var items = Enumerate(collection.Evaluate(context));
        if (offset is not null) items = items.Skip(Math.Max(0, ToInt(offset.Evaluate(context)))).ToList();
        if (limit is not null) items = items.Take(Math.Max(0, ToInt(limit.Evaluate(context)))).ToList();
        if (reversed) items.Reverse();
        if (items.Count == 0) return RenderAll(elseBody, context);

        var loop = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        var scope = new Dictionary<string, object?>(StringComparer.Ordinal) { ["forloop"] = loop };
        context.PushScope(scope);
        try
        {
            for (var i = 0; i < items.Count; i++)
            {
                context.Tick();
                scope[variable] = items[i];
                loop["first"] = i == 0;
                loop["index"] = (double)(i + 1);
                loop["index0"] = (double)i;
                loop["last"] = i == items.Count - 1;
                loop["length"] = (double)items.Count;
                loop["rindex"] = (double)(items.Count - i);
                loop["rindex0"] = (double)(items.Count - i - 1);
                loop["name"] = name;
                var flow = RenderAll(body, context);
                if (flow == Flow.Break) break;
            }
        }
        finally
        {
            context.PopScope();
        }
        return Flow.Normal;
    }

    public static List<object?> Enumerate(object? value) => value switch
    {
        null => [],
        List<object?> list => [.. list],
        LiquidRange range => range.Items().ToList(),
        OrderedDictionary<string, object?> obj => obj.Select(p => (object?)new List<object?> { p.Key, p.Value }).ToList(),
        string s => s.Length == 0 ? [] : [s],
        _ => [],
    };

    private static int ToInt(object? value)
    {
        var number = LiquidValues.ToNumber(value);
        return double.IsNaN(number) ? 0 : (int)Math.Truncate(number);
    }
}

/// <summary><c>{% tablerow item in collection cols:n limit:n offset:n %}</c>: an HTML table body.</summary>
internal sealed class TablerowNode(string variable, Expr collection, Expr? cols, Expr? limit, Expr? offset, IReadOnlyList<Node> body) : Node
{
    public override Flow Render(RenderContext context)
    {
        var items = ForNode.Enumerate(collection.Evaluate(context));
        if (offset is not null) items = items.Skip(Math.Max(0, (int)LiquidValues.ToNumber(offset.Evaluate(context)))).ToList();
        if (limit is not null) items = items.Take(Math.Max(0, (int)LiquidValues.ToNumber(limit.Evaluate(context)))).ToList();
        var columns = cols is null ? items.Count : Math.Max(1, (int)LiquidValues.ToNumber(cols.Evaluate(context)));
        if (columns <= 0) columns = 1;

        var loop = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        var scope = new Dictionary<string, object?>(StringComparer.Ordinal) { ["tablerowloop"] = loop };
        context.PushScope(scope);
        try
        {
            context.Write("<tr class=\"row1\">");
            for (var i = 0; i < items.Count; i++)
            {
                context.Tick();
                var col = i % columns;
                var row = i / columns;
                if (i > 0 && col == 0) context.Write($"</tr><tr class=\"row{row + 1}\">");
                scope[variable] = items[i];
                loop["index"] = (double)(i + 1);
                loop["index0"] = (double)i;
                loop["col"] = (double)(col + 1);
                loop["col0"] = (double)col;
                loop["first"] = i == 0;
                loop["last"] = i == items.Count - 1;
                loop["length"] = (double)items.Count;
                loop["col_first"] = col == 0;
                loop["col_last"] = col == columns - 1;
                loop["row"] = (double)(row + 1);
                context.Write($"<td class=\"col{col + 1}\">");
                RenderAll(body, context);
                context.Write("</td>");
            }
            context.Write("</tr>");
        }
        finally
        {
            context.PopScope();
        }
        return Flow.Normal;
    }
}
