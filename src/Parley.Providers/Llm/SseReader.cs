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

    /// <summary>True once any byte of the body has been read.</summary>
    public bool StartedReading { get; private set; }

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
                return hasData ? new SseEvent(name, _data.ToString()) : null;
            if (line.Length == 0)
            {
                if (hasData) return new SseEvent(name, _data.ToString());
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
            }
        }
    }
}
