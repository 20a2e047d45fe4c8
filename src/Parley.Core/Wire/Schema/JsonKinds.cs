namespace Parley.Core.Wire.Schema;

/// <summary>The JSON value kinds a schema's <c>type</c> admits.</summary>
[Flags]
internal enum JsonKinds
{
    None = 0,
    String = 1,
    Number = 2,
    Integer = 4,
    Boolean = 8,
    Object = 16,
    Array = 32,
}
