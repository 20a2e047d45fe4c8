using System.Globalization;
using Parley.Liquid.Runtime;

namespace Parley.Liquid;

internal static partial class Filters
{
    static void RegisterMath(Dictionary<string, FilterFn> t)
    {
        t["plus"] = (c, v, a, k) => Num(v) + NumArg(a, 0);
        t["minus"] = (c, v, a, k) => Num(v) - NumArg(a, 0);
        t["times"] = (c, v, a, k) => Num(v) * NumArg(a, 0);
        t["divided_by"] = (c, v, a, k) =>
        {
            double r = Num(v) / NumArg(a, 0);
            return Has(a, 1) && Values.IsTruthy(a[1]) ? Math.Floor(r) : r;
        };
        t["modulo"] = (c, v, a, k) =>
        {
            double x = Num(v), y = NumArg(a, 0), r = x % y;
            return r != 0 && (r < 0) != (y < 0) ? r + y : r;
        };
        t["abs"] = (c, v, a, k) => Math.Abs(Num(v));
        t["ceil"] = (c, v, a, k) => Math.Ceiling(Num(v));
        t["floor"] = (c, v, a, k) => Math.Floor(Num(v));
        t["round"] = (c, v, a, k) => Round(Num(v), Has(a, 0) ? Num(a[0]) : 0);
        t["at_least"] = (c, v, a, k) => JsMax(Num(v), NumArg(a, 0));
        t["at_most"] = (c, v, a, k) => JsMin(Num(v), NumArg(a, 0));
    }

    static double JsMax(double x, double y) => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : Math.Max(x, y);
    static double JsMin(double x, double y) => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : Math.Min(x, y);

    // Shifting through the decimal string ("1.005e2") instead of multiplying avoids binary error, as LiquidJS does.
    static double Round(double v, double places)
    {
        if (double.IsNaN(v) || double.IsInfinity(v)) return v;
        int n = (int)places;
        double sign = Math.Sign(v);
        double abs = Math.Abs(v);
        double shifted = JsNumber.Parse(JsNumber.Format(abs) + "e" + n.ToString(CultureInfo.InvariantCulture));
        if (double.IsNaN(shifted)) return 0;
        double rounded = Math.Floor(shifted + 0.5);
        double back = JsNumber.Parse(JsNumber.Format(rounded) + "e" + (-n).ToString(CultureInfo.InvariantCulture));
        if (double.IsNaN(back)) return 0;
        return sign * back;
    }
}
