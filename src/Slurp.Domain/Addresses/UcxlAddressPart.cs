namespace Slurp.Domain.Addresses;

/// <summary>The part of a UCXL address that a <see cref="UcxlParseError"/> blames.</summary>
public enum UcxlAddressPart
{
    /// <summary>The address as a whole (null, empty, too long, missing separators).</summary>
    Address = 0,

    /// <summary>The <c>ucxl://</c> prefix.</summary>
    Scheme = 1,

    /// <summary>The <c>{agent}</c> component.</summary>
    Agent = 2,

    /// <summary>The <c>{role}</c> component.</summary>
    Role = 3,

    /// <summary>The <c>{project}</c> component.</summary>
    Project = 4,

    /// <summary>The <c>{task}</c> component.</summary>
    Task = 5,

    /// <summary>The optional temporal selector segment.</summary>
    Temporal = 6,

    /// <summary>The node path.</summary>
    Path = 7,
}
