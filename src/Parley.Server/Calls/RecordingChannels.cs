using System.Buffers.Binary;
using Parley.Core.Calls.Audio;

namespace Parley.Server.Calls;

/// <summary>What a recording download holds: Vapi's stereo file, or one of its mono views.</summary>
public enum RecordingView { Stereo, Combined, Customer, Assistant }

/// <summary>
/// Serves a call's stereo recording (customer on the left, assistant on the right, as <see cref="CallAudioTap"/> writes
/// it) as Vapi's downloads: the file itself, or a mono WAV of both sides mixed or of one side, made as it streams.
/// </summary>
public static class RecordingChannels
{
    private const int BlockBytes = 64 * 1024;

    /// <summary>Whether the file is a stereo PCM16 WAV as Parley writes it (checked before a download starts).</summary>
    public static bool IsStereoRecording(string path)
    {
        Span<byte> header = stackalloc byte[WavWriter.HeaderLength];
        using var input = File.OpenRead(path);
        return input.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && IsStereoHeader(header);
    }

    private static bool IsStereoHeader(ReadOnlySpan<byte> header) =>
        header[..4].SequenceEqual("RIFF"u8) && header.Slice(8, 4).SequenceEqual("WAVE"u8) && header.Slice(36, 4).SequenceEqual("data"u8)
        && BinaryPrimitives.ReadUInt16LittleEndian(header[22..]) == 2 && BinaryPrimitives.ReadUInt16LittleEndian(header[34..]) == 16;

    /// <summary>Writes the view to <paramref name="output"/>; false when the file is not a stereo PCM16 WAV of Parley's.</summary>
    public static async Task<bool> WriteAsync(string stereoPath, RecordingView view, Stream output, CancellationToken cancellationToken)
    {
        await using var input = new FileStream(stereoPath, FileMode.Open, FileAccess.Read, FileShare.Read, BlockBytes, useAsync: true);
        var header = new byte[WavWriter.HeaderLength];
        if (await input.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken) < header.Length) return false;
        if (!IsStereoHeader(header)) return false;
        var rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(24));
        // What is on disk (a call still being written would have a stale size in its header).
        var stereoBytes = (input.Length - header.Length) & ~3L;
        if (view == RecordingView.Stereo)
        {
            WavWriter.WriteHeader(header, rate, 2, stereoBytes);
            await output.WriteAsync(header, cancellationToken);
            await CopyAsync(input, output, stereoBytes, cancellationToken);
            return true;
        }
        WavWriter.WriteHeader(header, rate, 1, stereoBytes / 2);
        await output.WriteAsync(header, cancellationToken);
        var block = new byte[BlockBytes];
        var mono = new byte[BlockBytes / 2];
        for (var left = stereoBytes; left > 0;)
        {
            var read = await input.ReadAtLeastAsync(block.AsMemory(0, (int)Math.Min(block.Length, left)), (int)Math.Min(block.Length, left), throwOnEndOfStream: false, cancellationToken);
            read &= ~3;
            if (read == 0) break;
            Mix(block.AsSpan(0, read), mono, view);
            await output.WriteAsync(mono.AsMemory(0, read / 2), cancellationToken);
            left -= read;
        }
        return true;
    }

    private static async Task CopyAsync(Stream input, Stream output, long bytes, CancellationToken cancellationToken)
    {
        var block = new byte[BlockBytes];
        for (var left = bytes; left > 0;)
        {
            var read = await input.ReadAsync(block.AsMemory(0, (int)Math.Min(block.Length, left)), cancellationToken);
            if (read == 0) break;
            await output.WriteAsync(block.AsMemory(0, read), cancellationToken);
            left -= read;
        }
    }

    /// <summary>One mono sample per stereo pair: the side asked for, or both mixed (clipped to 16 bits).</summary>
    internal static void Mix(ReadOnlySpan<byte> stereo, Span<byte> mono, RecordingView view)
    {
        for (int i = 0, o = 0; i + 4 <= stereo.Length; i += 4, o += 2)
        {
            int customer = BinaryPrimitives.ReadInt16LittleEndian(stereo[i..]);
            int assistant = BinaryPrimitives.ReadInt16LittleEndian(stereo[(i + 2)..]);
            var sample = view switch
            {
                RecordingView.Customer => customer,
                RecordingView.Assistant => assistant,
                _ => Math.Clamp(customer + assistant, short.MinValue, short.MaxValue),
            };
            BinaryPrimitives.WriteInt16LittleEndian(mono[o..], (short)sample);
        }
    }
}
