namespace Parley.Server.Api.OpenApi;

/// <summary>Every operation the server publishes, in the order the OpenAPI document lists them.</summary>
public static class ApiCatalog
{
    public static IReadOnlyList<ApiOperation> Operations { get; } = Build();

    private static List<ApiOperation> Build()
    {
        var operations = new List<ApiOperation>
        {
            new("get", "/health", "Health", "Readiness probe: 200 when the server is ready.", null, "Health", RequiresKey: false),
        };
        Crud(operations, "/assistant", "Assistants", "Assistant", "CreateAssistantDTO", "UpdateAssistantDTO");
        Crud(operations, "/squad", "Squads", "Squad", "CreateSquadDTO", "UpdateSquadDTO");
        Crud(operations, "/tool", "Tools", "Tool", "CreateToolDTO", "UpdateToolDTO");
        Crud(operations, "/phone-number", "Phone Numbers", "PhoneNumber", "CreatePhoneNumberDTO", "UpdatePhoneNumberDTO");
        Crud(operations, "/credential", "Credentials", "Credential", "CreateCredentialDTO", "UpdateCredentialDTO");
        Crud(operations, "/call", "Calls", "Call", "CreateCallDTO", "UpdateCallDTO");
        operations.Add(new("get", "/org", "Org", "The caller's org and its settings (a one-item list).", null, "Org", ResponseIsArray: true));
        operations.Add(new("get", "/org/{id}", "Org", "Get the caller's org.", null, "Org"));
        operations.Add(new("patch", "/org/{id}", "Org", "Update the caller's org settings (name, server).", "UpdateOrgDTO", "Org"));
        return operations;
    }

    private static void Crud(List<ApiOperation> operations, string path, string tag, string noun, string create, string update)
    {
        operations.Add(new("post", path, tag, $"Create {noun}", create, noun, SuccessStatus: 201));
        operations.Add(new("get", path, tag, $"List {noun}s, newest first", null, noun, ResponseIsArray: true, IsListWithFilters: true));
        operations.Add(new("get", $"{path}/{{id}}", tag, $"Get {noun}", null, noun));
        operations.Add(new("patch", $"{path}/{{id}}", tag, $"Update {noun} (top-level fields replace the stored ones)", update, noun));
        operations.Add(new("delete", $"{path}/{{id}}", tag, $"Delete {noun}; answers the deleted object", null, noun));
    }
}
