namespace Parley.Core.Calls.Composer;

/// <summary>
/// Text ready for TTS. <see cref="Flushed"/> marks text cut by a flush tag: send it at once with the provider's
/// flush flag instead of waiting for more.
/// </summary>
public readonly record struct SpeechChunk(string Text, bool Flushed);
