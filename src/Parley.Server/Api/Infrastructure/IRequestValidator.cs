using System.Text.Json.Nodes;

namespace Parley.Server.Api.Infrastructure;

/// <summary>Validates request bodies against Vapi's named request schemas.</summary>
public interface IRequestValidator
{
    /// <summary>Problems with the body, each starting with the offending field's path; empty when valid.</summary>
    IReadOnlyList<string> Validate(string schemaName, JsonNode body);
}
