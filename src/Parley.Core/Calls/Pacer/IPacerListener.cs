namespace Parley.Core.Calls.Pacer;

/// <summary>Told by the pacer, on the session loop, when a reply becomes audible and when its audio has all played.</summary>
public interface IPacerListener
{
    void PlaybackStarted(long responseId);

    /// <summary>The last frame of the reply finished playing; <paramref name="played"/> is its total audio.</summary>
    void PlaybackFinished(long responseId, TimeSpan played);
}
