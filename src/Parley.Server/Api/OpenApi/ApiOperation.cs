namespace Parley.Server.Api.OpenApi;

/// <summary>One documented operation: verb, path, what it takes and what it answers.</summary>
public sealed record ApiOperation(
    string Method,
    string Path,
    string Tag,
    string Summary,
    string? RequestSchema,
    string ResponseSchema,
    int SuccessStatus = 200,
    bool ResponseIsArray = false,
    bool IsListWithFilters = false,
    bool RequiresKey = true);
