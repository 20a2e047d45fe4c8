using System.Globalization;
using System.Text;

namespace Parley.Liquid.Runtime;

/// <summary>JavaScript's JSON.stringify over template values, indent argument included (a number of spaces or a string).</summary>
internal static class JsJson
{
    public static string Stringify(object? value, object? indentArgument)
    {
        var indent = indentArgument switch
        {
            double d when d >= 1 => new string(' ', (int)Math.Min(10, d)),
            string s => s.Length > 10 ? s[..10] : s,
            _ => "",
        };
        var output = new StringBuilder();
        Write(output, value, indent, "");
        return output.ToString();
    }

    private static void Write(StringBuilder output, object? value, string indent, string current)
    {
        switch (value)
        {
            case null:
                output.Append("null");
                break;
            case bool b:
                output.Append(b ? "true" : "false");
                break;
            case double d:
                output.Append(double.IsFinite(d) ? JsNumber.Format(d) : "null");
                break;
            case string s:
                WriteString(output, s);
                break;
            case LiquidRange r:
                Write(output, r.Items().ToList(), indent, current);
                break;
            case List<object?> list:
                if (list.Count == 0) { output.Append("[]"); break; }
                output.Append('[');
                var inner = current + indent;
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0) output.Append(',');
                    if (indent.Length > 0) output.Append('\n').Append(inner);
                    Write(output, list[i], indent, inner);
                }
                if (indent.Length > 0) output.Append('\n').Append(current);
                output.Append(']');
                break;
            case OrderedDictionary<string, object?> obj:
                if (obj.Count == 0) { output.Append("{}"); break; }
                output.Append('{');
                var nested = current + indent;
                var first = true;
                foreach (var (key, item) in obj)
                {
                    if (!first) output.Append(',');
                    first = false;
                    if (indent.Length > 0) output.Append('\n').Append(nested);
                    WriteString(output, key);
                    output.Append(indent.Length > 0 ? ": " : ":");
                    Write(output, item, indent, nested);
                }
                if (indent.Length > 0) output.Append('\n').Append(current);
                output.Append('}');
                break;
            default:
                output.Append("{}");
                break;
        }
    }

    private static void WriteString(StringBuilder output, string s)
    {
        output.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                default:
                    var loneSurrogate = char.IsHighSurrogate(c) ? !(i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                        : char.IsLowSurrogate(c) && !(i > 0 && char.IsHighSurrogate(s[i - 1]));
                    if (c < 0x20 || loneSurrogate) output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else output.Append(c);
                    break;
            }
        }
        output.Append('"');
    }
}
