namespace Parley.Core.Tests.Calls.Vad;

/// <summary>Unit-RMS test noise.</summary>
internal static class Noise
{
    public static double[] White(int length, int seed)
    {
        var random = new Random(seed);
        var x = new double[length];
        for (int i = 0; i < length; i++)
        {
            // Box-Muller
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            x[i] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        return x;
    }

    /// <summary>Roughly 1/f noise: the Voss scheme, summing random rows that change at octave-spaced rates.</summary>
    public static double[] Pink(int length, int seed)
    {
        const int rows = 12;
        var random = new Random(seed);
        var values = new double[rows];
        for (int r = 0; r < rows; r++) values[r] = random.NextDouble() * 2 - 1;
        var x = new double[length];
        double sum = values.Sum(), power = 0;
        for (int i = 0; i < length; i++)
        {
            int row = i == 0 ? 0 : Math.Min(rows - 1, System.Numerics.BitOperations.TrailingZeroCount(i));
            sum -= values[row];
            values[row] = random.NextDouble() * 2 - 1;
            sum += values[row];
            x[i] = sum + (random.NextDouble() * 2 - 1);
            power += x[i] * x[i];
        }
        double scale = 1 / Math.Sqrt(power / length);
        for (int i = 0; i < length; i++) x[i] *= scale;
        return x;
    }
}
