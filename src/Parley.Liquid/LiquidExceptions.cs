namespace Parley.Liquid;

/// <summary>Any failure to parse or render a template.</summary>
public class LiquidException(string message) : Exception(message);

/// <summary>The template is not valid Liquid.</summary>
public sealed class LiquidParseException(string message) : LiquidException(message);

/// <summary>The template failed while rendering.</summary>
public sealed class LiquidRenderException(string message) : LiquidException(message);

/// <summary>A render hit one of the safety limits (loop iterations, output size, depth, time).</summary>
public sealed class LiquidLimitExceededException(string message) : LiquidException(message);
