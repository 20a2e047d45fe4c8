namespace Parley.Core.Calls.Turns;

/// <summary>Why a waitFunction expression did not parse; <see cref="Position"/> is a zero-based character offset.</summary>
public sealed record WaitFunctionError(int Position, string Message)
{
    public override string ToString() => $"{Message} at position {Position}";
}
