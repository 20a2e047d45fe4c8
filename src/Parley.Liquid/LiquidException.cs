namespace Parley.Liquid;

/// <summary>Base class of every error the Liquid engine reports.</summary>
public class LiquidException : Exception
{
    public LiquidException(string message) : base(message) { }
    public LiquidException(string message, Exception inner) : base(message, inner) { }
}
