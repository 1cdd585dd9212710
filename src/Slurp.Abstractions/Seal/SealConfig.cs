namespace Slurp.Abstractions.Seal;

/// <summary>
/// How the cluster's master key is protected, shared by every silo. Holds no secret: only the
/// Shamir parameters and a verifier (an HMAC from a key derived from the master key) that tells a
/// correct combination of shares from a wrong one.
/// </summary>
[GenerateSerializer, Immutable, Alias("slurp.SealConfig")]
public sealed record SealConfig
{
    /// <summary>"dev" (a local key file) or "shamir" (K of N shares).</summary>
    [Id(0)] public required string Mode { get; init; }
    [Id(1)] public int Shares { get; init; }
    [Id(2)] public int Threshold { get; init; }
    [Id(3)] public required string Verifier { get; init; }
    [Id(4)] public required DateTimeOffset InitializedAt { get; init; }
}
