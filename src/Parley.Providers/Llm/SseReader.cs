using System.Text;

namespace Parley.Providers.Llm;

/// <summary>
/// Reads server-sent events from a byte stream. Chunk boundaries may fall anywhere (mid-line, mid-UTF-8 character);
/// the reader only ever acts on whole lines.
/// </summary>
public sealed class SseReader(Stream stream)
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096);
    private readonly StringBuilder _data = new();

    // Lines that are not SSE fields, kept so a server that sends a bare JSON answer with the wrong
    // content type can still be understood; capped because they are only useful when small.
    private const int MaxUnframed = 256 * 1024;
    private readonly StringBuilder _unframed = new();

    /// <summary>True once an event has been returned.</summary>
    public bool SawEvent { get; private set; }

    /// <summary>Body lines that were not SSE fields (only meaningful when <see cref="SawEvent"/> is false).</summary>
    public string UnframedText => _unframed.ToString();

    /// <summary>True once any byte of the body has been read.</summary>
    public bool StartedReading { get; private set; }

    private SseEvent Emit(string? name)
    {
        SawEvent = true;
        return new SseEvent(name, _data.ToString());
    }

    /// <summary>The next event, or null at the end of the stream.</summary>
    public async ValueTask<SseEvent?> ReadAsync(CancellationToken cancellationToken)
    {
        string? name = null;
        var hasData = false;
        _data.Clear();
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken);
            StartedReading = true;
            if (line is null)
                return hasData ? Emit(name) : null;
            if (line.Length == 0)
            {
                if (hasData) return Emit(name);
                name = null;
                continue;
            }
            if (line[0] == ':') continue; // comment / keep-alive (OpenRouter sends ": OPENROUTER PROCESSING")

            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' ')) value = value[1..];
            switch (field)
            {
                case "event": name = value; break;
                case "data":
                    if (hasData) _data.Append('\n');
                    _data.Append(value);
                    hasData = true;
                    break;
                case "id" or "retry":
                    break;
                default:
                    if (!SawEvent && _unframed.Length + line.Length <= MaxUnframed) _unframed.Append(line).Append('\n');
                    break;
            }
        }
    }
}
