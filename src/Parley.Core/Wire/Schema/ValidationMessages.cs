using System.Globalization;

namespace Parley.Core.Wire.Schema;

/// <summary>class-validator's wording for each kind of problem (without the leading path).</summary>
internal static class ValidationMessages
{
    public const string NotEmpty = "should not be empty";

    public static string Type(JsonKinds kinds) =>
        kinds.HasFlag(JsonKinds.String) ? "must be a string"
        : kinds.HasFlag(JsonKinds.Integer) ? "must be an integer number"
        : kinds.HasFlag(JsonKinds.Number) ? "must be a number conforming to the specified constraints"
        : kinds.HasFlag(JsonKinds.Boolean) ? "must be a boolean value"
        : kinds.HasFlag(JsonKinds.Array) ? "must be an array"
        : "must be an object";

    public static string OneOf(string values) => $"must be one of the following values: {values}";

    public static string Unknown(string property) => $"property {property} should not exist";

    public static string Max(double limit) => $"must not be greater than {Number(limit)}";

    public static string Min(double limit) => $"must not be less than {Number(limit)}";

    public static string MaxLength(int limit) => $"must be shorter than or equal to {limit} characters";

    public static string MinLength(int limit) => $"must be longer than or equal to {limit} characters";

    public static string Pattern(string literal) => $"must match {literal} regular expression";

    public static string MinItems(int limit) => limit == 1 ? NotEmpty : $"must contain at least {limit} elements";

    public static string MaxItems(int limit) => $"must contain no more than {limit} elements";

    public static string Format(string format) => format switch
    {
        "date-time" => "must be a valid ISO 8601 date string",
        "uuid" => "must be a UUID",
        "uri" => "must be a URL address",
        _ => $"must be a valid {format}",
    };

    static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
