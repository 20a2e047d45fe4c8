namespace Parley.Core.Calls.Vad;

/// <summary>What the detector concluded about one frame, with the features behind it.</summary>
public readonly record struct VadFrameDecision(bool IsVoiced, double BandEnergyDb, double NoiseFloorDb, double Flatness);
