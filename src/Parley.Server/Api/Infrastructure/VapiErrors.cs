using System.Text.Json.Nodes;

namespace Parley.Server.Api.Infrastructure;

/// <summary>
/// Builds every error body in Vapi's (NestJS) shape: <c>{"message": ..., "error": "Bad Request", "statusCode": 400}</c>.
/// Validation errors carry a list of messages, one per offending field; other errors a single message.
/// </summary>
public static class VapiErrors
{
    public static IResult BadRequest(IEnumerable<string> messages) =>
        Build(StatusCodes.Status400BadRequest, "Bad Request", new JsonArray(messages.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()));

    public static IResult BadRequest(string message) => BadRequest([message]);

    public static IResult NotFound(string message) =>
        Build(StatusCodes.Status404NotFound, "Not Found", JsonValue.Create(message));

    public static IResult Unauthorized(string message) =>
        Build(StatusCodes.Status401Unauthorized, "Unauthorized", JsonValue.Create(message));

    public static IResult Forbidden(string message) =>
        Build(StatusCodes.Status403Forbidden, "Forbidden", JsonValue.Create(message));

    public static IResult Conflict(string message) =>
        Build(StatusCodes.Status409Conflict, "Conflict", JsonValue.Create(message));

    public static IResult PayloadTooLarge(long limitBytes) =>
        Build(StatusCodes.Status413PayloadTooLarge, "Payload Too Large",
            JsonValue.Create($"request body is larger than the limit of {limitBytes} bytes"));

    public static IResult UnsupportedMediaType(string message) =>
        Build(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type", JsonValue.Create(message));

    public static IResult TooManyRequests(string message) =>
        Build(StatusCodes.Status429TooManyRequests, "Too Many Requests", JsonValue.Create(message));

    /// <summary>A 429 that says, in whole seconds (Retry-After), when to try again.</summary>
    public static IResult TooManyRequests(HttpResponse response, string message, TimeSpan retryAfter)
    {
        response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TooManyRequests(message);
    }

    public static IResult ServiceUnavailable(string message) =>
        Build(StatusCodes.Status503ServiceUnavailable, "Service Unavailable", JsonValue.Create(message));

    public static IResult Internal(string message) =>
        Build(StatusCodes.Status500InternalServerError, "Internal Server Error", JsonValue.Create(message));

    public static JsonObject Body(int statusCode, string error, JsonNode? message) =>
        new() { ["message"] = message, ["error"] = error, ["statusCode"] = statusCode };

    private static IResult Build(int statusCode, string error, JsonNode? message) =>
        new JsonNodeResult(Body(statusCode, error, message), statusCode);
}
