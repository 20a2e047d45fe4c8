using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Parley.Liquid.Runtime;
using Parley.Liquid.Syntax;

namespace Parley.Liquid;

internal static partial class Filters
{
    static void RegisterExtra(Dictionary<string, FilterFn> t)
    {
        t["default"] = (c, v, a, k) =>
        {
            bool allowFalse = k is not null && k.TryGetValue("allow_false", out var af) && Values.IsTruthy(af);
            bool useDefault = allowFalse ? v is null || Values.IsEmpty(v) && v is not LiquidMap : !Values.IsTruthy(v) || (Values.IsEmpty(v) && v is not LiquidMap);
            return useDefault ? Arg(a, 0) : v;
        };
        t["json"] = (c, v, a, k) => v is null
            ? c.InputNullKind switch { NullKind.Undefined => null, NullKind.NilLiteral => "{}", _ => "null" }
            : JsJson.Stringify(v, Arg(a, 0));
        t["jsonify"] = t["json"];
        t["inspect"] = (c, v, a, k) => v is null && c.InputNullKind == NullKind.Undefined ? null : JsJson.Stringify(v, Arg(a, 0));
        t["raw"] = (c, v, a, k) => v;
        t["to_integer"] = (c, v, a, k) => v is null ? double.NaN : Math.Truncate(Values.ToNumber(v));
        t["base64_encode"] = (c, v, a, k) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Str(v)));
        t["base64_decode"] = (c, v, a, k) => Encoding.UTF8.GetString(Convert.FromBase64String(Str(v)));
        t["sha256"] = (c, v, a, k) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Str(v))));
        t["hmac_sha256"] = (c, v, a, k) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Str(Arg(a, 0))), Encoding.UTF8.GetBytes(Str(v))));
        t["slugify"] = (c, v, a, k) => Slugify(Str(v), Has(a, 0) ? Str(a[0]) : "default", Has(a, 1) && Values.IsTruthy(a[1]));
        t["array_to_sentence_string"] = (c, v, a, k) =>
        {
            var items = Values.ToList(v).Select(Str).ToList();
            var conn = Has(a, 0) ? Str(a[0]) : "and";
            return items.Count switch
            {
                0 => "",
                1 => items[0],
                2 => $"{items[0]} {conn} {items[1]}",
                _ => string.Join(", ", items.Take(items.Count - 1)) + $", {conn} {items[^1]}",
            };
        };
        t["where_exp"] = (c, v, a, k) => Values.ToList(v).Where(x => ExpTest(c, x, a)).ToList();
        t["reject_exp"] = (c, v, a, k) => Values.ToList(v).Where(x => !ExpTest(c, x, a)).ToList();
        t["find_exp"] = (c, v, a, k) => Values.ToList(v).FirstOrDefault(x => ExpTest(c, x, a));
        t["find_index_exp"] = (c, v, a, k) => Values.ToList(v).FindIndex(x => ExpTest(c, x, a)) is var i and >= 0 ? (double)i : null;
        t["has_exp"] = (c, v, a, k) => Values.ToList(v).Any(x => ExpTest(c, x, a));
        t["group_by_exp"] = (c, v, a, k) => GroupBy(Values.ToList(v), x => ExpValue(c, x, a));
    }

    static object? ExpValue(RenderContext ctx, object? item, object?[] args)
    {
        var name = Str(Arg(args, 0));
        var expr = ExprCache.Get(Str(Arg(args, 1)));
        ctx.Push(new LiquidMap(1) { [name] = item });
        try { return expr.Eval(ctx); }
        finally { ctx.Pop(); }
    }

    static bool ExpTest(RenderContext ctx, object? item, object?[] args) => Values.IsTruthy(ExpValue(ctx, item, args));

    static string Slugify(string s, string mode, bool cased)
    {
        var pattern = mode switch
        {
            "raw" => "\\s+",
            "none" => null,
            "ascii" => "[^A-Za-z0-9]+",
            "latin" => "[^\\p{L}\\p{N}]+",
            "pretty" => "[^\\p{L}\\p{N}._~!$&'()+,;=@]+",
            _ => "[^\\p{L}\\p{N}]+",
        };
        var slug = pattern is null ? s : Regex.Replace(s, pattern, "-");
        slug = slug.Trim('-');
        return cased ? slug : slug.ToLowerInvariant();
    }
}

/// <summary>Expressions given to the *_exp filters as strings, compiled once per distinct text.</summary>
internal static class ExprCache
{
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Expr> Cache = new();

    // expression texts can come from template data, so the cache must not grow without bound
    const int MaxEntries = 1024;

    public static Expr Get(string source)
    {
        if (Cache.TryGetValue(source, out var cached)) return cached;
        if (Cache.Count >= MaxEntries) Cache.Clear();
        return Cache.GetOrAdd(source, Compile);
    }

    static Expr Compile(string s)
    {
        var p = new ExprParser(s);
        return p.ParseExpression();
    }
}
