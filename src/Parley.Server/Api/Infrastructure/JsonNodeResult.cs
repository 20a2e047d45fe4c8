using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Server.Api.Infrastructure;

/// <summary>Writes a JSON node with a status code; the API's bodies are JSON documents, not CLR types.</summary>
public sealed class JsonNodeResult(JsonNode? body, int statusCode = StatusCodes.Status200OK) : IResult, IStatusCodeHttpResult
{
    // The escaping every message Parley sends uses (the body is served as application/json, never embedded in HTML).
    private static readonly JsonWriterOptions WriterOptions = Parley.Core.Json.JsonText.WriterOptions with { SkipValidation = true };

    public int? StatusCode => statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, WriterOptions);
        if (body is null) writer.WriteNullValue();
        else body.WriteTo(writer);
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
