namespace Parley.Providers.Llm;

/// <summary>One server-sent event: its <c>event:</c> name (null when absent) and its joined <c>data:</c> lines.</summary>
public readonly record struct SseEvent(string? Name, string Data);
