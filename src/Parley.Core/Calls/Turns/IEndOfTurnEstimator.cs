namespace Parley.Core.Calls.Turns;

/// <summary>Estimates the probability (0..1) that the caller is still speaking, the <c>x</c> of a waitFunction.</summary>
public interface IEndOfTurnEstimator
{
    double ProbabilityStillSpeaking(string transcript, TimeSpan pause);
}
