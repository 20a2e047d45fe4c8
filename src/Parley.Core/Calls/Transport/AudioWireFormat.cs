using System.Text.Json.Nodes;

namespace Parley.Core.Calls.Transport;

/// <summary>The negotiated audio format of a <c>vapi.websocket</c> call (transport.audioFormat).</summary>
public sealed record AudioWireFormat(string Format, int SampleRate)
{
    public const string PcmS16Le = "pcm_s16le";
    public const string Mulaw = "mulaw";

    public static readonly AudioWireFormat Default = new(PcmS16Le, 16000);

    public bool IsMulaw => Format == Mulaw;

    /// <summary>Bytes per sample on the wire.</summary>
    public int SampleSize => IsMulaw ? 1 : 2;

    /// <summary>Reads transport.audioFormat; pcm_s16le at 16 kHz when absent, μ-law defaults to 8 kHz.</summary>
    public static AudioWireFormat From(JsonObject? transport)
    {
        var audio = transport?["audioFormat"] as JsonObject;
        var format = audio?["format"] is JsonValue f && f.TryGetValue<string>(out var s) ? s : PcmS16Le;
        var rate = audio?["sampleRate"] is JsonValue r && r.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? (int)double.Parse(r.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)
            : format == Mulaw ? 8000 : 16000;
        return new AudioWireFormat(format, rate);
    }
}
