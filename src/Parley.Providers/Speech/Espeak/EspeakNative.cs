using System.Runtime.InteropServices;

namespace Parley.Providers.Speech.Espeak;

/// <summary>
/// eSpeak NG's C API (speak_lib.h), resolved lazily so Parley runs without the library. The library keeps global
/// state and is not thread-safe, so every use goes through <see cref="Gate"/>.
/// </summary>
internal static unsafe class EspeakNative
{
    public const string Package = "libespeak-ng1";
    private const int AudioOutputSynchronous = 2;
    private const int InitializeDontExit = 0x8000;
    private const int PositionCharacter = 1;
    private const int CharsUtf8 = 1;
    private const int EndPause = 0x1000;
    public const int ParameterRate = 1;

    public static readonly NativeLibraryLoader Library = new("libespeak-ng.so.1", Package);
    public static readonly SemaphoreSlim Gate = new(1, 1);

    private static int _sampleRate;
    [ThreadStatic] private static Func<ReadOnlySpan<short>, bool>? _sink;

    /// <summary>Starts the engine once; returns its output rate (22050 for the stock voices) or an error.</summary>
    public static (int SampleRate, string? Error) EnsureInitialized()
    {
        if (Library.Error is { } missing) return (0, missing);
        if (_sampleRate > 0) return (_sampleRate, null);
        var init = (delegate* unmanaged<int, int, byte*, int, int>)Library.Export("espeak_Initialize");
        var rate = init(AudioOutputSynchronous, 0, null, InitializeDontExit);
        if (rate <= 0) return (0, "espeak-ng: initialisation failed (is espeak-ng-data installed?)");
        var setCallback = (delegate* unmanaged<delegate* unmanaged<short*, int, nint, int>, void>)Library.Export("espeak_SetSynthCallback");
        setCallback(&OnSynth);
        _sampleRate = rate;
        return (rate, null);
    }

    public static bool SetVoice(string name)
    {
        var set = (delegate* unmanaged<byte*, int>)Library.Export("espeak_SetVoiceByName");
        var bytes = System.Text.Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* p = bytes) return set(p) == 0;
    }

    public static void SetParameter(int parameter, int value)
    {
        var set = (delegate* unmanaged<int, int, int, int>)Library.Export("espeak_SetParameter");
        set(parameter, value, 0);
    }

    /// <summary>Speaks synchronously on this thread; <paramref name="sink"/> gets samples and returns false to abort.</summary>
    public static bool Synthesize(string text, Func<ReadOnlySpan<short>, bool> sink)
    {
        var synth = (delegate* unmanaged<byte*, nuint, uint, int, uint, uint, uint*, nint, int>)Library.Export("espeak_Synth");
        var bytes = System.Text.Encoding.UTF8.GetBytes(text + "\0");
        _sink = sink;
        try
        {
            fixed (byte* p = bytes) return synth(p, (nuint)bytes.Length, 0, PositionCharacter, 0, CharsUtf8 | EndPause, null, 0) == 0;
        }
        finally { _sink = null; }
    }

    /// <summary>
    /// eSpeak NG draws its fricative noise from libc <c>rand()</c>, so the same text differs run to run unless the
    /// generator is reseeded just before synthesis (done under <see cref="Gate"/>).
    /// </summary>
    public static void SeedNoise(uint seed) => srand(seed);

    [DllImport("libc", EntryPoint = "srand")]
    private static extern void srand(uint seed);

    [UnmanagedCallersOnly]
    private static int OnSynth(short* samples, int count, nint events)
    {
        // Synchronous mode calls back on the thread that called espeak_Synth, so the thread-static sink is the caller's.
        if (samples == null || count <= 0) return 0;
        return _sink is { } sink && !sink(new ReadOnlySpan<short>(samples, count)) ? 1 : 0;
    }
}
