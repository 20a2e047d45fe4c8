using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Parley.Core.Calls.Session;

/// <summary>
/// Reads a channel as a stream while staying on the caller's context. The BCL's ReadAllAsync resumes with
/// ConfigureAwait(false), which would let work slip off a simulated call's virtual timeline.
/// </summary>
internal static class ChannelReading
{
    public static async IAsyncEnumerable<T> ReadAllInOrderAsync<T>(this ChannelReader<T> reader,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await reader.WaitToReadAsync(cancellationToken))
            while (reader.TryRead(out var item))
                yield return item;
    }
}
