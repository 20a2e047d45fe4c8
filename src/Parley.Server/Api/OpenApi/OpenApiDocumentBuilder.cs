using System.Text.Json.Nodes;

namespace Parley.Server.Api.OpenApi;

/// <summary>
/// Builds the server's OpenAPI 3.0 document from the operation catalog. Request bodies reference the Vapi
/// schemas the server validates against; responses are those bodies plus the server-owned fields.
/// </summary>
public static class OpenApiDocumentBuilder
{
    public static JsonObject Build(JsonObject requestSchemas, string version)
    {
        var schemas = (JsonObject)requestSchemas.DeepClone();
        schemas["ResourceMeta"] = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("id", "orgId", "createdAt", "updatedAt"),
            ["properties"] = new JsonObject
            {
                ["id"] = new JsonObject { ["type"] = "string", ["format"] = "uuid" },
                ["orgId"] = new JsonObject { ["type"] = "string", ["format"] = "uuid" },
                ["createdAt"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
                ["updatedAt"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            },
        };
        schemas["VapiError"] = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("message", "statusCode"),
            ["properties"] = new JsonObject
            {
                ["message"] = new JsonObject { ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } }) },
                ["error"] = new JsonObject { ["type"] = "string" },
                ["statusCode"] = new JsonObject { ["type"] = "number" },
            },
        };
        schemas["Health"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["status"] = new JsonObject { ["type"] = "string" } } };
        foreach (var (noun, create) in new[] { ("Assistant", "CreateAssistantDTO"), ("Squad", "CreateSquadDTO"), ("Tool", "CreateToolDTO"),
                     ("PhoneNumber", "CreatePhoneNumberDTO"), ("Credential", "CreateCredentialDTO"), ("Call", "CreateCallDTO"), ("Org", "UpdateOrgDTO") })
            schemas[noun] = new JsonObject { ["allOf"] = new JsonArray(Ref(create), Ref("ResourceMeta")) };

        var paths = new JsonObject();
        foreach (var operation in ApiCatalog.Operations)
        {
            var item = paths[operation.Path] as JsonObject ?? new JsonObject();
            paths[operation.Path] = item;
            item[operation.Method] = Operation(operation);
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = "Parley API",
                ["version"] = version,
                ["description"] = "Self-hosted, Vapi-compatible voice AI agent API. Request bodies follow Vapi's schemas.",
            },
            ["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject { ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer" } },
                ["schemas"] = schemas,
            },
        };
    }

    private static JsonObject Operation(ApiOperation operation)
    {
        var parameters = new JsonArray();
        if (operation.Path.Contains("{id}"))
            parameters.Add(new JsonObject { ["name"] = "id", ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        if (operation.IsListWithFilters)
        {
            parameters.Add(Query("limit", "number", "Maximum items, 0..1000 (default 100)."));
            foreach (var field in new[] { "createdAt", "updatedAt" })
                foreach (var op in new[] { "Gt", "Lt", "Ge", "Le" })
                    parameters.Add(Query(field + op, "string", $"Only items whose {field} is {op.ToLowerInvariant()} this ISO 8601 date.", "date-time"));
        }

        JsonNode response = Ref(operation.ResponseSchema);
        if (operation.ResponseIsArray) response = new JsonObject { ["type"] = "array", ["items"] = response };
        var result = new JsonObject
        {
            ["tags"] = new JsonArray(operation.Tag),
            ["summary"] = operation.Summary,
            ["operationId"] = $"{operation.Method}{operation.Path.Replace("/", "_").Replace("{", "").Replace("}", "").Replace("-", "_")}",
            ["parameters"] = parameters,
            ["responses"] = new JsonObject
            {
                [operation.SuccessStatus.ToString()] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = response } },
                },
                ["400"] = ErrorResponse("Invalid request; message lists every offending field by path"),
                ["401"] = ErrorResponse("Missing or wrong API key"),
                ["404"] = ErrorResponse("No such resource in the caller's org"),
            },
        };
        if (!operation.RequiresKey) result["security"] = new JsonArray();
        if (operation.RequestSchema is { } request)
            result["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref(request) } },
            };
        return result;
    }

    private static JsonObject Query(string name, string type, string description, string? format = null)
    {
        var schema = new JsonObject { ["type"] = type };
        if (format is not null) schema["format"] = format;
        return new JsonObject { ["name"] = name, ["in"] = "query", ["required"] = false, ["description"] = description, ["schema"] = schema };
    }

    private static JsonObject ErrorResponse(string description) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref("VapiError") } },
    };

    private static JsonObject Ref(string schema) => new() { ["$ref"] = $"#/components/schemas/{schema}" };
}
