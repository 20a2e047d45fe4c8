namespace Parley.Core.Calls.Session;

/// <summary>Turns streamed reply text into chunks worth sending to TTS (the voice formatter plugs in here).</summary>
public interface ITextChunker
{
    /// <summary>Adds text; returns the chunks that are now complete.</summary>
    IReadOnlyList<string> Push(string text);

    /// <summary>Returns whatever is left at the end of the reply, or null.</summary>
    string? Flush();
}
