using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Parley.Core.Wire.Schema;

/// <summary>One compiled schema of the bundle. Referenced schemas are shared instances, so cycles are allowed.</summary>
internal sealed class SchemaNode
{
    /// <summary>The referenced schema when this node is a <c>$ref</c> that carries its own flags (nullable, writeOnly).</summary>
    public SchemaNode? Target;
    public JsonKinds Types;
    public bool Nullable;
    public bool WriteOnly;

    public Dictionary<string, SchemaNode>? Properties;
    public string[] Required = [];
    public SchemaNode? AdditionalSchema;
    public bool AdditionalAllowed;

    public SchemaNode? Items;
    public int? MinItems, MaxItems;

    public HashSet<string>? StringEnum;
    public double[]? NumberEnum;
    public string? EnumText;

    public SchemaNode[]? Union;
    public string? DiscriminatorProperty;
    public Dictionary<string, SchemaNode>? DiscriminatorMapping;
    public string? DiscriminatorValuesText;
    /// <summary>Members whose tag is a pattern rather than an enum (e.g. "customer.speech.timeout[...]").</summary>
    public SchemaNode[] DiscriminatorFallbacks = [];
    public SchemaNode[]? AllOf;

    public double? Minimum, Maximum;
    public int? MinLength, MaxLength;
    public Regex? Pattern;
    public string? PatternText;
    public string? Format;

    /// <summary>True when the schema places no constraint at all (free-form JSON).</summary>
    public bool IsAny => Target == null && Types == JsonKinds.None && Union == null && AllOf == null
        && Properties == null && StringEnum == null && NumberEnum == null;

    /// <summary>The member of a tagged union that the object's tag selects, or null when the tag is missing or unknown.</summary>
    public SchemaNode? SelectMember(JsonObject value)
    {
        if (value[DiscriminatorProperty!] is not JsonValue tag || tag.GetValueKind() != JsonValueKind.String) return null;
        var text = tag.GetValue<string>();
        if (DiscriminatorMapping!.TryGetValue(text, out var member)) return member;
        foreach (var fallback in DiscriminatorFallbacks)
            if (fallback.Resolved.Properties?.GetValueOrDefault(DiscriminatorProperty!)?.Resolved.Pattern is { } pattern && pattern.IsMatch(text))
                return fallback;
        return null;
    }

    public bool IsRequired(string property) => Array.IndexOf(Required, property) >= 0;

    public SchemaNode Resolved
    {
        get
        {
            var node = this;
            while (node.Target != null) node = node.Target;
            return node;
        }
    }

    public bool IsWriteOnly
    {
        get
        {
            for (var node = this; node != null; node = node.Target)
                if (node.WriteOnly) return true;
            return false;
        }
    }
}
