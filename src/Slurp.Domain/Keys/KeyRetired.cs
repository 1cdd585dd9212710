namespace Slurp.Domain.Keys;

/// <summary>
/// The decrypt-only key <paramref name="Version"/> became <see cref="RoleKeyState.Retired"/> at
/// <paramref name="At"/>; its wrapped material is dropped from the ring.
/// </summary>
/// <param name="Version">The key version; it must be decrypt-only.</param>
/// <param name="At">When it was retired.</param>
public sealed record KeyRetired(int Version, DateTimeOffset At) : RoleKeyChange;
