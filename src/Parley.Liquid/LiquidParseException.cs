namespace Parley.Liquid;

/// <summary>The template source is not valid Liquid.</summary>
public sealed class LiquidParseException(string message) : LiquidException(message);
