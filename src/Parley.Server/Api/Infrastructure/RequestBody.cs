using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;

namespace Parley.Server.Api.Infrastructure;

/// <summary>
/// Reads a request body as a JSON object with the size limit enforced, turning every way it can be wrong
/// (too large, malformed, not an object, duplicate keys) into a Vapi-shaped 4xx instead of an exception.
/// </summary>
public static class RequestBody
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64, AllowTrailingCommas = false };

    public readonly record struct Outcome(JsonObject? Body, IResult? Error);

    public static async Task<Outcome> ReadObjectAsync(HttpContext context, long limitBytes, bool emptyIsObject = true)
    {
        var declared = context.Request.ContentLength;
        if (declared > limitBytes) return new(null, VapiErrors.PayloadTooLarge(limitBytes));

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = limitBytes;

        byte[] bytes;
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limitBytes) return new(null, VapiErrors.PayloadTooLarge(limitBytes));
                buffer.Write(chunk, 0, read);
            }
            bytes = buffer.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new(null, VapiErrors.PayloadTooLarge(limitBytes));
        }

        if (bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
            return emptyIsObject ? new(new JsonObject(), null) : new(null, VapiErrors.BadRequest("request body must be a JSON object"));

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(bytes, documentOptions: DocumentOptions);
        }
        catch (JsonException e)
        {
            return new(null, VapiErrors.BadRequest($"request body is not valid JSON: {Describe(e)}"));
        }
        catch (ArgumentException e)
        {
            // JsonObject rejects duplicate property names with an ArgumentException.
            return new(null, VapiErrors.BadRequest($"request body is not valid JSON: {DescribeDuplicate(e)}"));
        }

        if (node is not JsonObject obj)
            return new(null, VapiErrors.BadRequest("request body must be a JSON object"));

        try
        {
            // Force full materialisation so duplicate keys deep inside surface here, not later.
            _ = obj.Count;
            Materialize(obj);
        }
        catch (ArgumentException e)
        {
            return new(null, VapiErrors.BadRequest($"request body is not valid JSON: {DescribeDuplicate(e)}"));
        }
        return new(obj, null);
    }

    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o) Materialize(child);
                break;
            case JsonArray a:
                foreach (var child in a) Materialize(child);
                break;
        }
    }

    private static string DescribeDuplicate(ArgumentException e)
    {
        const string marker = "Key: ";
        var at = e.Message.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return "duplicate property name";
        var key = e.Message[(at + marker.Length)..];
        var paren = key.IndexOf(" (Parameter", StringComparison.Ordinal);
        return $"duplicate property '{(paren >= 0 ? key[..paren] : key)}'";
    }

    private static string Describe(JsonException e)
    {
        var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        return message.TrimEnd('.') + where;
    }
}
