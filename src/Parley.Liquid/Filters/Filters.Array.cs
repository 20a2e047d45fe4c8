using Parley.Liquid.Runtime;

namespace Parley.Liquid;

internal static partial class Filters
{
    static void RegisterArray(Dictionary<string, FilterFn> t)
    {
        t["size"] = (c, v, a, k) => v switch
        {
            string s => (double)s.Length,
            List<object?> l => (double)l.Count,
            _ => 0d,
        };
        t["first"] = (c, v, a, k) => v switch
        {
            List<object?> l => l.Count > 0 ? l[0] : null,
            string s => s.Length > 0 ? s[0].ToString() : "",
            _ => "",
        };
        t["last"] = (c, v, a, k) => v switch
        {
            List<object?> l => l.Count > 0 ? l[^1] : null,
            string s => s.Length > 0 ? s[^1].ToString() : "",
            _ => "",
        };
        t["join"] = (c, v, a, k) =>
        {
            if (v is not List<object?> l) return v is null ? null : v;
            var sep = Has(a, 0) && a[0] is not null ? Str(a[0]) : " ";
            return string.Join(sep, l.Select(Values.ToJsString));
        };
        t["reverse"] = (c, v, a, k) => { var l = new List<object?>(Values.ToList(v)); l.Reverse(); return l; };
        t["compact"] = (c, v, a, k) => v is List<object?> l ? l.Where(x => x is not null).ToList() : v;
        t["uniq"] = (c, v, a, k) =>
        {
            if (v is not List<object?> l) return v;
            var res = new List<object?>();
            foreach (var x in l) if (!res.Any(y => Values.StrictEquals(x, y))) res.Add(x);
            return res;
        };
        t["concat"] = (c, v, a, k) =>
        {
            var res = new List<object?>(Values.ToList(v));
            res.AddRange(Values.ToList(Arg(a, 0)));
            return res;
        };
        t["push"] = (c, v, a, k) => { var res = new List<object?>(Values.ToList(v)) { Arg(a, 0) }; return res; };
        t["unshift"] = (c, v, a, k) => { var res = new List<object?>(Values.ToList(v)); res.Insert(0, Arg(a, 0)); return res; };
        t["pop"] = (c, v, a, k) => { var res = new List<object?>(Values.ToList(v)); if (res.Count > 0) res.RemoveAt(res.Count - 1); return res; };
        t["shift"] = (c, v, a, k) => { var res = new List<object?>(Values.ToList(v)); if (res.Count > 0) res.RemoveAt(0); return res; };
        t["map"] = (c, v, a, k) =>
        {
            var prop = Str(Arg(a, 0));
            var res = new List<object?>();
            foreach (var x in Values.ToList(v)) res.Add(ReadPath(x, prop));
            return res;
        };
        t["sum"] = (c, v, a, k) =>
        {
            double sum = 0;
            var prop = Has(a, 0) ? Str(a[0]) : null;
            foreach (var x in Values.ToList(v))
            {
                var n = Values.ToNumber(prop is null ? x : ReadPath(x, prop));
                if (!double.IsNaN(n)) sum += n;
            }
            return sum;
        };
        t["where"] = (c, v, a, k) => Values.ToList(v).Where(x => Matches(x, a)).ToList();
        t["reject"] = (c, v, a, k) => Values.ToList(v).Where(x => !Matches(x, a)).ToList();
        t["find"] = (c, v, a, k) => Values.ToList(v).FirstOrDefault(x => Matches(x, a));
        t["find_index"] = (c, v, a, k) => Values.ToList(v).FindIndex(x => Matches(x, a)) is var i and >= 0 ? (double)i : null;
        t["has"] = (c, v, a, k) => Values.ToList(v).Any(x => Matches(x, a));
        t["group_by"] = (c, v, a, k) =>
        {
            var prop = Str(Arg(a, 0));
            return GroupBy(Values.ToList(v), x => ReadPath(x, prop));
        };
        t["sort"] = (c, v, a, k) =>
        {
            if (v is not List<object?> l) return v;
            var prop = Has(a, 0) ? Str(a[0]) : null;
            return StableSort(l, x => prop is null ? x : ReadPath(x, prop), (x, y) => Values.Compare(x, y) ?? 0);
        };
        t["sort_natural"] = (c, v, a, k) =>
        {
            if (v is not List<object?> l) return v;
            var prop = Has(a, 0) ? Str(a[0]) : null;
            return StableSort(l, x => prop is null ? x : ReadPath(x, prop),
                (x, y) => string.CompareOrdinal(JsLower(Values.ToJsString(x)), JsLower(Values.ToJsString(y))));
        };
    }

    static object? ReadPath(object? item, string path)
    {
        if (!path.Contains('.')) return Values.ReadProperty(item, path);
        foreach (var seg in path.Split('.'))
        {
            if (item is null) return null;
            item = Values.ReadProperty(item, seg);
        }
        return item;
    }

    static bool Matches(object? item, object?[] args)
    {
        var value = ReadPath(item, Str(Arg(args, 0)));
        if (args.Length < 2) return Values.IsTruthy(value);
        return Values.LiquidEquals(value, args[1]);
    }

    static List<object?> GroupBy(List<object?> items, Func<object?, object?> key)
    {
        var groups = new List<object?>();
        var byKey = new List<(object? Key, List<object?> Items)>();
        foreach (var x in items)
        {
            var kv = key(x);
            int idx = byKey.FindIndex(g => Values.StrictEquals(g.Key, kv));
            if (idx < 0) { byKey.Add((kv, new List<object?>())); idx = byKey.Count - 1; }
            byKey[idx].Items.Add(x);
        }
        foreach (var (k, list) in byKey) groups.Add(new LiquidMap { ["name"] = k, ["items"] = list });
        return groups;
    }

    /// <summary>V8's Array.prototype.sort: binary insertion for short arrays, stable merge otherwise; nulls last.</summary>
    static List<object?> StableSort(List<object?> input, Func<object?, object?> key, Comparison<object?> keyCmp)
    {
        var items = new List<object?>(input.Count);
        var tail = new List<object?>();
        foreach (var x in input) if (key(x) is null) tail.Add(x); else items.Add(x);
        Comparison<object?> cmp = (x, y) => keyCmp(key(x), key(y));
        if (items.Count <= 22)
        {
            for (int i = 1; i < items.Count; i++)
            {
                var pivot = items[i];
                int left = 0, right = i;
                while (left < right)
                {
                    int mid = left + ((right - left) >> 1);
                    if (cmp(pivot, items[mid]) < 0) right = mid; else left = mid + 1;
                }
                items.RemoveAt(i);
                items.Insert(left, pivot);
            }
        }
        else
        {
            var sorted = items.Select((x, i) => (x, i)).OrderBy(p => p, Comparer<(object? x, int i)>.Create((p, q) => { int r = cmp(p.x, q.x); return r != 0 ? r : p.i.CompareTo(q.i); })).Select(p => p.x).ToList();
            items = sorted;
        }
        items.AddRange(tail);
        return items;
    }
}
