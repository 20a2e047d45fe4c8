using System.Runtime.InteropServices;

namespace Parley.Core.Calls.Denoise;

/// <summary>libspeexdsp's preprocessor (Debian <c>libspeexdsp1</c>), resolved lazily so Parley runs without it.</summary>
internal static unsafe class SpeexNative
{
    public const string Package = "libspeexdsp1";
    public const int SetDenoise = 0;
    public const int SetAgc = 2;
    public const int SetVad = 4;
    public const int SetDereverb = 8;
    public const int SetNoiseSuppress = 18;

    private static readonly Lazy<(nint Handle, string? Error)> Loaded = new(() =>
        NativeLibrary.TryLoad("libspeexdsp.so.1", out var handle)
            ? (handle, null)
            : (0, $"libspeexdsp.so.1 is not installed (Debian/Ubuntu: apt-get install {Package})"));

    /// <summary>Null when the library is usable; otherwise which package to install.</summary>
    public static string? Error => Loaded.Value.Error;

    public static nint Init(int frameSize, int sampleRate) =>
        ((delegate* unmanaged<int, int, nint>)Export("speex_preprocess_state_init"))(frameSize, sampleRate);

    public static int Control(nint state, int request, int value) =>
        ((delegate* unmanaged<nint, int, int*, int>)Export("speex_preprocess_ctl"))(state, request, &value);

    public static void Run(nint state, Span<short> frame)
    {
        var run = (delegate* unmanaged<nint, short*, int>)Export("speex_preprocess_run");
        fixed (short* p = frame) run(state, p);
    }

    public static void Destroy(nint state) =>
        ((delegate* unmanaged<nint, void>)Export("speex_preprocess_state_destroy"))(state);

    private static nint Export(string name) => NativeLibrary.GetExport(Loaded.Value.Handle, name);
}
