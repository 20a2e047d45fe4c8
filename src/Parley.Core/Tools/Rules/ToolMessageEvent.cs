namespace Parley.Core.Tools.Rules;

/// <summary>The moments of a tool call that can carry a spoken message, with Vapi's wire names.</summary>
public static class ToolMessageEvent
{
    public const string RequestStart = "request-start";
    public const string RequestComplete = "request-complete";
    public const string RequestFailed = "request-failed";
    public const string RequestResponseDelayed = "request-response-delayed";
}
