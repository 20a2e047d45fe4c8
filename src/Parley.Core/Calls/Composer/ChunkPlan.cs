namespace Parley.Core.Calls.Composer;

/// <summary>voice.chunkPlan: whether LLM text is chunked (and so formatted and flushable), and where chunks may end.</summary>
public sealed record ChunkPlan
{
    /// <summary>The example set from Vapi's schema; Vapi tunes it per provider, Parley uses it for all.</summary>
    public static readonly IReadOnlyList<string> DefaultPunctuationBoundaries =
        ["。", "，", ".", "!", "?", ";", "،", "۔", "।", "॥", "|", "||", ",", ":"];

    public bool Enabled { get; init; } = true;

    public int MinCharacters { get; init; } = 30;

    public IReadOnlyList<string> PunctuationBoundaries { get; init; } = DefaultPunctuationBoundaries;

    public FormatPlan FormatPlan { get; init; } = new();
}
