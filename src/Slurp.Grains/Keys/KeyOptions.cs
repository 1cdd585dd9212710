namespace Slurp.Grains.Keys;

/// <summary>Role key rotation settings (section <c>Slurp:Keys</c>).</summary>
public sealed class KeyOptions
{
    /// <summary>Days a role key version stays active before it is due for rotation. Default 90.</summary>
    public int RotationDays { get; set; } = 90;

    /// <summary>
    /// How often each role's key grain checks whether its key is due (an Orleans reminder) and whether
    /// decrypt-only versions still need re-wrapping. Default one hour.
    /// </summary>
    public TimeSpan RotationCheckPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Wait after a rotation before re-wrapping, so writes that fetched the old version finish first.</summary>
    public TimeSpan RewrapGrace { get; set; } = TimeSpan.FromSeconds(5);
}
