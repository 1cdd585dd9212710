namespace Slurp.Domain.Keys;

/// <summary>Key figures over several roles at one instant, as reported by <c>GET /v1/security/metrics</c>.</summary>
/// <param name="ActiveKeys">Roles that have an active key (each role has at most one).</param>
/// <param name="ExpiredKeys">Active keys at or past their expiry (<see cref="KeyHealth.Due"/>).</param>
/// <param name="KeysDueForRotation">Active keys that are <see cref="KeyHealth.Due"/> or <see cref="KeyHealth.Warning"/>.</param>
public sealed record KeyCounts(int ActiveKeys, int ExpiredKeys, int KeysDueForRotation);
