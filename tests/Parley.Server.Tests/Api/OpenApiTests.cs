using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

/// <summary>The server publishes an OpenAPI document whose references all resolve.</summary>
public sealed class OpenApiTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task The_document_lists_every_resource_and_its_references_resolve()
    {
        var document = (await fixture.App.CreateClient().GetJsonAsync("/openapi.json")).Expect(HttpStatusCode.OK).Object;
        Assert.Equal("3.0.3", document["openapi"]!.GetValue<string>());
        var paths = document["paths"]!.AsObject();
        foreach (var path in new[] { "/assistant", "/assistant/{id}", "/tool", "/squad", "/phone-number", "/credential", "/call", "/org", "/health" })
            Assert.True(paths.ContainsKey(path), $"missing {path}");
        Assert.Equal("#/components/schemas/CreateAssistantDTO",
            paths["/assistant"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());

        var schemas = document["components"]!["schemas"]!.AsObject();
        var unresolved = new List<string>();
        Walk(document, node =>
        {
            if (node is JsonObject o && o["$ref"]?.GetValue<string>() is { } reference &&
                !schemas.ContainsKey(reference.Replace("#/components/schemas/", "")))
                unresolved.Add(reference);
        });
        Assert.Empty(unresolved.Distinct());
    }

    private static void Walk(JsonNode? node, Action<JsonNode> visit)
    {
        if (node is null) return;
        visit(node);
        if (node is JsonObject o) foreach (var (_, child) in o) Walk(child, visit);
        if (node is JsonArray a) foreach (var child in a) Walk(child, visit);
    }
}
