namespace Parley.Liquid;

/// <summary>Rendering failed (for example a filter was given an argument it cannot use).</summary>
public sealed class LiquidRenderException(string message) : LiquidException(message);
