using System.Text.Json;

namespace Parley.Core.Json;

/// <summary>A value that writes itself as JSON: what <see cref="JsonText"/> takes, generic so a struct is never boxed.</summary>
internal interface IJsonWritable
{
    void WriteTo(Utf8JsonWriter writer);
}
