using Slurp.Host.Configuration;

namespace Slurp.Host.Silo;

/// <summary>
/// Reads <c>Slurp:Cluster:NodePlacement</c>. A string in the options rather than the enum, so a misspelt value
/// fails the start with the values that are accepted instead of the configuration binder's conversion error.
/// </summary>
internal static class NodePlacementSetting
{
    public static NodePlacement Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "local" => NodePlacement.Local,
        "balanced" => NodePlacement.Balanced,
        _ => throw new StartupConfigurationException(
            $"Slurp:Cluster:NodePlacement '{text}' is not known; use Local (default: a node lives on the silo whose front door first asked for it) or Balanced (Orleans' resource-optimized placement)"),
    };
}
