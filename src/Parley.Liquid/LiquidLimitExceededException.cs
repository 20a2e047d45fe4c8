namespace Parley.Liquid;

/// <summary>A render went past one of the <see cref="LiquidOptions"/> safety limits.</summary>
public sealed class LiquidLimitExceededException(string message) : LiquidException(message);
