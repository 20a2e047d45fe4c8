using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Core.Wire.Schema;

/// <summary>Finds the write-only (secret) values present in a body, following the same union choices as validation.</summary>
internal sealed class SecretPathCollector
{
    readonly SchemaPath _path = new();
    readonly List<string> _found = [];
    readonly ValidationRun _probe = new();

    public List<string> Collect(SchemaNode schema, JsonNode body)
    {
        Visit(schema, body);
        return _found;
    }

    void Visit(SchemaNode node, JsonNode? value)
    {
        if (value is null) return;
        node = node.Resolved;
        if (node.Union != null)
        {
            if (PickMember(node, value) is { } member) Visit(member, value);
            return;
        }
        if (node.AllOf != null)
            foreach (var part in node.AllOf) Visit(part, value);

        switch (value.GetValueKind())
        {
            case JsonValueKind.Array when node.Items != null:
                var array = value.AsArray();
                for (var i = 0; i < array.Count; i++)
                {
                    _path.Push(i);
                    Visit(node.Items, array[i]);
                    _path.Pop();
                }
                break;
            case JsonValueKind.Object:
                foreach (var (name, child) in value.AsObject())
                {
                    var propertySchema = node.Properties?.GetValueOrDefault(name) ?? node.AdditionalSchema;
                    if (propertySchema == null || child is null) continue;
                    if (propertySchema.IsWriteOnly) _found.Add(_path.With(name));
                    else
                    {
                        _path.Push(name);
                        Visit(propertySchema, child);
                        _path.Pop();
                    }
                }
                break;
        }
    }

    SchemaNode? PickMember(SchemaNode union, JsonNode value)
    {
        if (union.DiscriminatorMapping != null) return value is JsonObject obj ? union.SelectMember(obj) : null;
        foreach (var member in union.Union!)
            if (_probe.Passes(member, value)) return member;
        return null;
    }
}
