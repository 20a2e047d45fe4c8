using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Parley.Core.Wire.Schema;

/// <summary>One validation of one body: walks value and schema together and collects every problem.</summary>
internal sealed class ValidationRun
{
    readonly SchemaPath _path = new();
    List<string> _errors = [];

    public List<string> Run(SchemaNode schema, JsonNode? body)
    {
        Check(schema, body);
        return _errors;
    }

    /// <summary>True when the value satisfies the schema; used to pick a member of an untagged union.</summary>
    public bool Passes(SchemaNode schema, JsonNode? value)
    {
        var outer = _errors;
        _errors = [];
        Check(schema, value);
        var passed = _errors.Count == 0;
        _errors = outer;
        return passed;
    }

    void Fail(string message) => _errors.Add($"{(_path.IsRoot ? "body" : _path.ToString())} {message}");

    void Check(SchemaNode node, JsonNode? value)
    {
        for (; node.Target != null; node = node.Target)
            if (value is null && node.Nullable) return;

        if (value is null)
        {
            if (!node.Nullable && !node.IsAny) Missing(node);
            return;
        }
        if (node.Union != null)
        {
            if (node.DiscriminatorMapping != null) CheckTagged(node, value);
            else CheckUntagged(node, value);
            return;
        }
        if (node.AllOf != null)
            foreach (var part in node.AllOf) Check(part, value);

        var kind = value.GetValueKind();
        if (node.Types != JsonKinds.None && !Admits(node.Types, kind, value))
        {
            Fail(ValidationMessages.Type(node.Types));
            return;
        }
        switch (kind)
        {
            case JsonValueKind.String: CheckString(node, value.GetValue<string>()); break;
            case JsonValueKind.Number: CheckNumber(node, NumberOf(value)); break;
            case JsonValueKind.Array: CheckArray(node, value.AsArray()); break;
            case JsonValueKind.Object: CheckObject(node, value.AsObject()); break;
        }
    }

    /// <summary>A required property that is absent (or null where null is not allowed).</summary>
    void Missing(SchemaNode node)
    {
        var resolved = node.Resolved;
        if (resolved.EnumText != null) Fail(ValidationMessages.OneOf(resolved.EnumText));
        else if (resolved.Types is JsonKinds.None or JsonKinds.String or JsonKinds.Object) Fail(ValidationMessages.NotEmpty);
        else Fail(ValidationMessages.Type(resolved.Types));
    }

    void CheckTagged(SchemaNode union, JsonNode value)
    {
        if (value is not JsonObject obj)
        {
            Fail(ValidationMessages.Type(JsonKinds.Object));
            return;
        }
        if (union.SelectMember(obj) is { } member)
        {
            Check(member, value);
            return;
        }
        _path.Push(union.DiscriminatorProperty!);
        Fail(ValidationMessages.OneOf(union.DiscriminatorValuesText!));
        _path.Pop();
    }

    void CheckUntagged(SchemaNode union, JsonNode value)
    {
        var outer = _errors;
        List<string>? closest = null;
        var closestScore = int.MaxValue;
        foreach (var member in union.Union!)
        {
            _errors = [];
            Check(member, value);
            if (_errors.Count == 0)
            {
                _errors = outer;
                return;
            }
            // A member of the wrong JSON kind is a worse match than any member with field-level problems.
            var score = _errors.Count + (KindMismatch(member, value) ? 10_000 : 0);
            if (score < closestScore) (closest, closestScore) = (_errors, score);
        }
        _errors = outer;
        if (closest != null) _errors.AddRange(closest);
    }

    static bool KindMismatch(SchemaNode member, JsonNode value)
    {
        var resolved = member.Resolved;
        if (resolved.DiscriminatorMapping != null) return value is not JsonObject;
        return resolved.Types != JsonKinds.None && !Admits(resolved.Types, value.GetValueKind(), value);
    }

    static bool Admits(JsonKinds types, JsonValueKind kind, JsonNode value) => kind switch
    {
        JsonValueKind.String => types.HasFlag(JsonKinds.String),
        JsonValueKind.Number => types.HasFlag(JsonKinds.Number)
            || (types.HasFlag(JsonKinds.Integer) && IsIntegral(NumberOf(value))),
        JsonValueKind.True or JsonValueKind.False => types.HasFlag(JsonKinds.Boolean),
        JsonValueKind.Object => types.HasFlag(JsonKinds.Object),
        JsonValueKind.Array => types.HasFlag(JsonKinds.Array),
        _ => false,
    };

    /// <summary>Reads a JSON number whether the node was parsed (JsonElement) or built in code (int, long, decimal...).</summary>
    static double NumberOf(JsonNode value) =>
        value.AsValue().TryGetValue<double>(out var number)
            ? number
            : double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    static bool IsIntegral(double number) => double.IsFinite(number) && Math.Floor(number) == number;

    void CheckString(SchemaNode node, string text)
    {
        if (node.StringEnum != null && !node.StringEnum.Contains(text))
        {
            Fail(ValidationMessages.OneOf(node.EnumText!));
            return;
        }
        if (node.MaxLength is { } max && text.Length > max) Fail(ValidationMessages.MaxLength(max));
        if (node.MinLength is { } min && text.Length < min) Fail(ValidationMessages.MinLength(min));
        if (node.Pattern != null && !Matches(node.Pattern, text)) Fail(ValidationMessages.Pattern(node.PatternText!));
        if (node.Format != null && !FormatChecks.Accepts(node.Format, text)) Fail(ValidationMessages.Format(node.Format));
    }

    static bool Matches(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    void CheckNumber(SchemaNode node, double number)
    {
        if (node.NumberEnum is { Length: > 0 } allowed && Array.IndexOf(allowed, number) < 0)
        {
            Fail(ValidationMessages.OneOf(node.EnumText!));
            return;
        }
        if (node.Maximum is { } max && number > max) Fail(ValidationMessages.Max(max));
        if (node.Minimum is { } min && number < min) Fail(ValidationMessages.Min(min));
    }

    void CheckArray(SchemaNode node, JsonArray array)
    {
        if (node.MinItems is { } min && array.Count < min) Fail(ValidationMessages.MinItems(min));
        if (node.MaxItems is { } max && array.Count > max) Fail(ValidationMessages.MaxItems(max));
        if (node.Items is not { } items || items.IsAny) return;
        for (var i = 0; i < array.Count; i++)
        {
            _path.Push(i);
            Check(items, array[i]);
            _path.Pop();
        }
    }

    void CheckObject(SchemaNode node, JsonObject obj)
    {
        var properties = node.Properties;
        if (properties == null && node.AdditionalSchema == null) return; // free-form map such as metadata
        foreach (var (name, child) in obj)
        {
            if (properties != null && properties.TryGetValue(name, out var propertySchema))
            {
                // @IsOptional() lets null through for properties that are not required.
                if (child is null && !node.IsRequired(name)) continue;
                _path.Push(name);
                Check(propertySchema, child);
                _path.Pop();
            }
            else if (node.AdditionalSchema != null)
            {
                _path.Push(name);
                Check(node.AdditionalSchema, child);
                _path.Pop();
            }
            else if (!node.AdditionalAllowed)
            {
                _errors.Add(_path.IsRoot ? ValidationMessages.Unknown(name) : $"{_path}.{ValidationMessages.Unknown(name)}");
            }
        }
        foreach (var name in node.Required)
        {
            if (obj.ContainsKey(name)) continue;
            _path.Push(name);
            if (properties != null && properties.TryGetValue(name, out var propertySchema)) Missing(propertySchema);
            else Fail(ValidationMessages.NotEmpty);
            _path.Pop();
        }
    }
}
