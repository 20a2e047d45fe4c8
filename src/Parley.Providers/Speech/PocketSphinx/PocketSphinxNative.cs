using System.Runtime.InteropServices;
using System.Text;

namespace Parley.Providers.Speech.PocketSphinx;

/// <summary>
/// The PocketSphinx 5prealpha C API (Debian <c>libpocketsphinx3</c>), resolved lazily. Callers hold
/// <see cref="Gate"/> around every call: separate decoders still disturb each other when run concurrently.
/// </summary>
internal static unsafe class PocketSphinxNative
{
    public const string Package = "libpocketsphinx3 pocketsphinx-en-us";
    public static readonly NativeLibraryLoader Decoder = new("libpocketsphinx.so.3", Package);
    public static readonly NativeLibraryLoader Base = new("libsphinxbase.so.3", Package);
    public static readonly object Gate = new();

    /// <summary>Creates a decoder from command-line style arguments; returns 0 and an error when it cannot.</summary>
    public static (nint Decoder, nint Config, string? Error) Create(IReadOnlyList<string> args)
    {
        if ((Decoder.Error ?? Base.Error) is { } missing) return (0, 0, missing);
        var psArgs = (delegate* unmanaged<nint>)Decoder.Export("ps_args");
        // cmd_ln_parse_r rather than the variadic cmd_ln_init: variadic calls are not portable through P/Invoke.
        var parse = (delegate* unmanaged<nint, nint, int, byte**, int, nint>)Base.Export("cmd_ln_parse_r");
        var init = (delegate* unmanaged<nint, nint>)Decoder.Export("ps_init");
        var handles = new List<GCHandle>();
        try
        {
            var argv = new byte*[args.Count];
            for (var i = 0; i < args.Count; i++)
            {
                var h = GCHandle.Alloc(Encoding.UTF8.GetBytes(args[i] + "\0"), GCHandleType.Pinned);
                handles.Add(h);
                argv[i] = (byte*)h.AddrOfPinnedObject();
            }
            nint config;
            fixed (byte** p = argv) config = parse(0, psArgs(), args.Count, p, 1);
            if (config == 0) return (0, 0, "pocketsphinx: model arguments rejected");
            var decoder = init(config);
            if (decoder == 0)
            {
                FreeConfig(config);
                return (0, 0, "pocketsphinx: decoder failed to load the model (is pocketsphinx-en-us installed?)");
            }
            return (decoder, config, null);
        }
        finally
        {
            foreach (var h in handles) h.Free();
        }
    }

    public static int StartUtterance(nint ps) => ((delegate* unmanaged<nint, int>)Decoder.Export("ps_start_utt"))(ps);

    public static int EndUtterance(nint ps) => ((delegate* unmanaged<nint, int>)Decoder.Export("ps_end_utt"))(ps);

    public static int ProcessRaw(nint ps, ReadOnlySpan<short> samples)
    {
        var process = (delegate* unmanaged<nint, short*, nuint, int, int, int>)Decoder.Export("ps_process_raw");
        fixed (short* p = samples) return process(ps, p, (nuint)samples.Length, 0, 0);
    }

    public static bool InSpeech(nint ps) => ((delegate* unmanaged<nint, byte>)Decoder.Export("ps_get_in_speech"))(ps) != 0;

    public static string Hypothesis(nint ps)
    {
        int score;
        var hyp = ((delegate* unmanaged<nint, int*, byte*>)Decoder.Export("ps_get_hyp"))(ps, &score);
        return hyp == null ? "" : Marshal.PtrToStringUTF8((nint)hyp) ?? "";
    }

    public static void Free(nint ps, nint config)
    {
        if (ps != 0) ((delegate* unmanaged<nint, int>)Decoder.Export("ps_free"))(ps);
        FreeConfig(config);
    }

    private static void FreeConfig(nint config)
    {
        if (config != 0) ((delegate* unmanaged<nint, int>)Base.Export("cmd_ln_free_r"))(config);
    }
}
