using System.Text.RegularExpressions;
using Parley.Core.Text;

namespace Parley.Core.Calls.Turns;

/// <summary>A customEndpointingRules entry: when its regex(es) match, its timeoutSeconds wins over everything else.</summary>
public sealed class CustomEndpointingRule : IEndpointingRule
{
    private readonly Regex? _assistant;
    private readonly Regex? _customer;
    private readonly TimeSpan _timeout;

    public CustomEndpointingRule(CustomEndpointingRuleOptions options)
    {
        _timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        switch (options.Type)
        {
            case "assistant":
                _assistant = Compile(options.Regex, options.RegexOptions);
                break;
            case "customer" or "user":
                _customer = Compile(options.Regex, options.RegexOptions);
                break;
            case "both":
                _assistant = Compile(options.AssistantRegex, options.AssistantRegexOptions);
                _customer = Compile(options.CustomerRegex, options.CustomerRegexOptions);
                break;
            default:
                throw new ArgumentException($"unknown custom endpointing rule type '{options.Type}'", nameof(options));
        }
        Name = "custom:" + options.Type;
    }

    public string Name { get; }

    public TimeSpan? Evaluate(in EndpointingContext context)
    {
        if (_assistant is not null && !JsRegex.Test(_assistant, context.LastAssistantMessage)) return null;
        if (_customer is not null && !JsRegex.Test(_customer, context.CustomerTranscript)) return null;
        return _timeout;
    }

    private static Regex Compile(string? pattern, RegexFlags flags) =>
        CallRegex.Create(pattern ?? throw new ArgumentException("custom endpointing rule has no regex"), flags);
}
