namespace Parley.Core.Calls.Turns;

/// <summary>What to do with caller speech heard while the assistant talks.</summary>
public enum InterruptionVerdict
{
    /// <summary>Not enough yet; ask again when more audio or words arrive.</summary>
    NotYet,

    /// <summary>Stop the assistant now.</summary>
    Interrupt,

    /// <summary>Only an acknowledgement ("okay", "mm-hmm"): never interrupts.</summary>
    Acknowledgement,
}
