using System.Globalization;

namespace Parley.Server.Api.Infrastructure;

/// <summary>The query parameters Vapi's v1 list endpoints take: <c>limit</c> and the createdAt/updatedAt bounds.</summary>
public sealed record ListQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public int Limit { get; init; } = DefaultLimit;
    public DateTime? CreatedAtGt { get; init; }
    public DateTime? CreatedAtLt { get; init; }
    public DateTime? CreatedAtGe { get; init; }
    public DateTime? CreatedAtLe { get; init; }
    public DateTime? UpdatedAtGt { get; init; }
    public DateTime? UpdatedAtLt { get; init; }
    public DateTime? UpdatedAtGe { get; init; }
    public DateTime? UpdatedAtLe { get; init; }

    public static (ListQuery Query, List<string> Errors) Parse(IQueryCollection query)
    {
        var errors = new List<string>();
        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var rawLimit))
        {
            if (!double.TryParse(rawLimit.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value))
                errors.Add("limit must be a number conforming to the specified constraints");
            else if (value < 0) errors.Add("limit must not be less than 0");
            else if (value > MaxLimit) errors.Add($"limit must not be greater than {MaxLimit}");
            else limit = (int)Math.Floor(value);
        }

        DateTime? Date(string name)
        {
            if (!query.TryGetValue(name, out var raw)) return null;
            if (DateTime.TryParse(raw.ToString(), CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
                return DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
            errors.Add($"{name} must be a valid ISO 8601 date string");
            return null;
        }

        var result = new ListQuery
        {
            Limit = limit,
            CreatedAtGt = Date("createdAtGt"),
            CreatedAtLt = Date("createdAtLt"),
            CreatedAtGe = Date("createdAtGe"),
            CreatedAtLe = Date("createdAtLe"),
            UpdatedAtGt = Date("updatedAtGt"),
            UpdatedAtLt = Date("updatedAtLt"),
            UpdatedAtGe = Date("updatedAtGe"),
            UpdatedAtLe = Date("updatedAtLe"),
        };
        return (result, errors);
    }

    public IQueryable<T> Apply<T>(IQueryable<T> rows) where T : Store.DocumentEntity =>
        Filter(rows).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(Limit);

    /// <summary>Only the createdAt/updatedAt bounds, for endpoints that order and page themselves.</summary>
    public IQueryable<T> Filter<T>(IQueryable<T> rows) where T : Store.DocumentEntity
    {
        if (CreatedAtGt is { } cgt) rows = rows.Where(r => r.CreatedAt > cgt);
        if (CreatedAtLt is { } clt) rows = rows.Where(r => r.CreatedAt < clt);
        if (CreatedAtGe is { } cge) rows = rows.Where(r => r.CreatedAt >= cge);
        if (CreatedAtLe is { } cle) rows = rows.Where(r => r.CreatedAt <= cle);
        if (UpdatedAtGt is { } ugt) rows = rows.Where(r => r.UpdatedAt > ugt);
        if (UpdatedAtLt is { } ult) rows = rows.Where(r => r.UpdatedAt < ult);
        if (UpdatedAtGe is { } uge) rows = rows.Where(r => r.UpdatedAt >= uge);
        if (UpdatedAtLe is { } ule) rows = rows.Where(r => r.UpdatedAt <= ule);
        return rows;
    }
}
