using System.Globalization;

namespace Parley.Core.Wire.Schema;

/// <summary>The path of the value being checked, as segments; joined into text only when a message needs it.</summary>
internal sealed class SchemaPath
{
    static readonly string[] SmallIndexes = Enumerable.Range(0, 256).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    readonly List<string> _segments = new(16);

    public bool IsRoot => _segments.Count == 0;

    public void Push(string segment) => _segments.Add(segment);

    public void Push(int index) =>
        _segments.Add(index < SmallIndexes.Length ? SmallIndexes[index] : index.ToString(CultureInfo.InvariantCulture));

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public override string ToString() => string.Join('.', _segments);

    /// <summary>The path followed by a child name, e.g. "authenticationPlan.clientSecret".</summary>
    public string With(string child) => IsRoot ? child : $"{this}.{child}";
}
