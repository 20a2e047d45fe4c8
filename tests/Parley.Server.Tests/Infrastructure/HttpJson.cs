using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>A response as the tests read it: status code and parsed JSON body.</summary>
public sealed record JsonResponse(HttpStatusCode Status, JsonNode? Body, string Text)
{
    public JsonObject Object => Body as JsonObject ?? throw new Xunit.Sdk.XunitException($"expected a JSON object, got {Status}: {Text}");
    public JsonArray Array => Body as JsonArray ?? throw new Xunit.Sdk.XunitException($"expected a JSON array, got {Status}: {Text}");

    /// <summary>The messages of a Vapi error body (a list for validation errors, one string otherwise).</summary>
    public IReadOnlyList<string> Messages => Object["message"] switch
    {
        JsonArray list => list.Select(m => m!.GetValue<string>()).ToList(),
        JsonValue single => [single.GetValue<string>()],
        _ => [],
    };

    public JsonResponse Expect(HttpStatusCode status)
    {
        if (Status != status) throw new Xunit.Sdk.XunitException($"expected {(int)status} {status}, got {(int)Status} {Status}: {Text}");
        return this;
    }
}

/// <summary>Sends JSON and reads JSON, for terse API tests.</summary>
public static class HttpJson
{
    public static async Task<JsonResponse> SendAsync(this HttpClient client, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        if (text.Length > 0)
        {
            try { body = JsonNode.Parse(text); }
            catch (System.Text.Json.JsonException) { body = null; }
        }
        return new JsonResponse(response.StatusCode, body, text);
    }

    public static Task<JsonResponse> GetJsonAsync(this HttpClient client, string path) => client.SendAsync(HttpMethod.Get, path);
    public static Task<JsonResponse> PostJsonAsync(this HttpClient client, string path, string json) => client.SendAsync(HttpMethod.Post, path, json);
    public static Task<JsonResponse> PatchJsonAsync(this HttpClient client, string path, string json) => client.SendAsync(HttpMethod.Patch, path, json);
    public static Task<JsonResponse> DeleteJsonAsync(this HttpClient client, string path) => client.SendAsync(HttpMethod.Delete, path);
}
