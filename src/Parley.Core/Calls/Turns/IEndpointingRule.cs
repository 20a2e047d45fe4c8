namespace Parley.Core.Calls.Turns;

/// <summary>One endpointing strategy; returns a timeout when it applies, or null to let the next rule decide.</summary>
public interface IEndpointingRule
{
    string Name { get; }

    TimeSpan? Evaluate(in EndpointingContext context);
}
