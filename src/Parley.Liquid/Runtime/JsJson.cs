using System.Globalization;
using System.Text;

namespace Parley.Liquid.Runtime;

/// <summary>JSON.stringify as V8 writes it: no escaping beyond quotes, backslash and control characters.</summary>
internal static class JsJson
{
    public static string Stringify(object? v, object? indentArg)
    {
        string indent = indentArg switch
        {
            double d when d >= 1 => new string(' ', (int)Math.Min(10, d)),
            string s => s.Length > 10 ? s.Substring(0, 10) : s,
            _ => "",
        };
        var sb = new StringBuilder();
        Write(sb, v, indent, "");
        return sb.ToString();
    }

    static void Write(StringBuilder sb, object? v, string indent, string current)
    {
        switch (v)
        {
            case null: sb.Append("null"); return;
            case bool b: sb.Append(b ? "true" : "false"); return;
            case double d: sb.Append(double.IsFinite(d) ? JsNumber.Format(d) : "null"); return;
            case string s: WriteString(sb, s); return;
            case List<object?> l:
                if (l.Count == 0) { sb.Append("[]"); return; }
                sb.Append('[');
                string inner = current + indent;
                for (int i = 0; i < l.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    if (indent.Length > 0) sb.Append('\n').Append(inner);
                    Write(sb, l[i], indent, inner);
                }
                if (indent.Length > 0) sb.Append('\n').Append(current);
                sb.Append(']');
                return;
            case LiquidMap m:
                if (m.Count == 0) { sb.Append("{}"); return; }
                sb.Append('{');
                string innerM = current + indent;
                bool first = true;
                foreach (var kv in m)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    if (indent.Length > 0) sb.Append('\n').Append(innerM);
                    WriteString(sb, kv.Key);
                    sb.Append(indent.Length > 0 ? ": " : ":");
                    Write(sb, kv.Value, indent, innerM);
                }
                if (indent.Length > 0) sb.Append('\n').Append(current);
                sb.Append('}');
                return;
            case ForLoopState f: sb.Append(f.ToString()); return;
            default: sb.Append("{}"); return;
        }
    }

    public static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else if (char.IsHighSurrogate(c) && (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])))
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else if (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(s[i - 1])))
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
