namespace Slurp.Domain.Keys;

/// <summary>The active key <paramref name="Version"/> became <see cref="RoleKeyState.DecryptOnly"/> at <paramref name="At"/>.</summary>
/// <param name="Version">The key version; it must be the active one.</param>
/// <param name="At">When it was demoted.</param>
public sealed record KeyDemoted(int Version, DateTimeOffset At) : RoleKeyChange;
