using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Parley.Tools.SchemaBundler;

/// <summary>Creates the named request schemas the server validates against, including synthetic unions.</summary>
internal static class RequestUnions
{
    static readonly string[] DirectRoots =
    [
        "CreateAssistantDTO", "UpdateAssistantDTO", "CreateSquadDTO", "UpdateSquadDTO", "CreateCallDTO",
        "UpdateCallDTO", "CreateChatDTO", "UpdateOrgDTO",
    ];

    static readonly (string Union, string Discriminator, Regex CreatePattern, Regex UpdatePattern)[] Families =
    [
        ("ToolDTO", "type", new(@"^Create\w+ToolDTO$"), new(@"^Update\w+ToolDTO$")),
        ("PhoneNumberDTO", "provider", new(@"^Create\w+PhoneNumberDTO$"), new(@"^Update\w+PhoneNumberDTO$")),
        ("CredentialDTO", "provider", new(@"^Create\w+CredentialDTO$"), new(@"^Update\w+CredentialDTO$")),
    ];

    public static void Add(JsonObject schemas, JsonObject originalComponents)
    {
        foreach (var (union, discriminator, createPattern, updatePattern) in Families)
        {
            var creates = Members(schemas, createPattern, discriminator);
            schemas["Create" + union] = new JsonObject
            {
                ["oneOf"] = new JsonArray(creates.Select(m => (JsonNode?)new JsonObject { ["$ref"] = m.Name }).ToArray()),
                ["discriminator"] = new JsonObject { ["propertyName"] = discriminator },
            };
            foreach (var (name, values) in Members(schemas, updatePattern, discriminator))
                foreach (var value in values)
                    schemas[$"Update{union}:{value}"] = UpdateShape(schemas[name]!, discriminator, value);
            // A few providers (e.g. smallest-ai, tavus) publish no Update DTO; derive one the way NestJS
            // PartialType does: the create shape with nothing required.
            foreach (var (name, values) in creates)
                foreach (var value in values)
                {
                    if (schemas.ContainsKey($"Update{union}:{value}")) continue;
                    var derived = UpdateShape(schemas[name]!, discriminator, value);
                    derived.Remove("required");
                    schemas[$"Update{union}:{value}"] = derived;
                    SchemaMinifier.Notes.Add($"Update{union}:{value}: no update schema in the spec; derived from {name}");
                }
        }
    }

    /// <summary>The stored resource's kind is fixed: a PATCH may repeat it but not change it.</summary>
    static JsonObject UpdateShape(JsonNode schema, string discriminator, string value)
    {
        var copy = schema.DeepClone().AsObject();
        copy["properties"]![discriminator] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(value) };
        return copy;
    }

    public static IEnumerable<string> RootNames(JsonObject schemas) =>
        DirectRoots.Concat(schemas.Select(kv => kv.Key).Where(k =>
            k is "CreateToolDTO" or "CreatePhoneNumberDTO" or "CreateCredentialDTO" || k.Contains(':')));

    static List<(string Name, string[] Values)> Members(JsonObject schemas, Regex pattern, string discriminator)
    {
        var found = new List<(string, string[])>();
        foreach (var (name, schema) in schemas)
        {
            if (!pattern.IsMatch(name)) continue;
            if (schema?["properties"]?[discriminator]?["enum"] is not JsonArray values) continue;
            found.Add((name, values.Select(v => v!.GetValue<string>()).ToArray()));
        }
        return found;
    }
}
