using System.Text.Json.Nodes;
using Parley.Core.Wire.Schema;

namespace Parley.Server.Api.Infrastructure;

/// <summary>Validates request bodies against Vapi's published schemas (see <see cref="VapiSchemaValidator"/>).</summary>
public sealed class VapiRequestValidator : IRequestValidator
{
    public IReadOnlyList<string> Validate(string schemaName, JsonNode body) => VapiSchemaValidator.Shared.Validate(schemaName, body);
}
