namespace Slurp.Domain.Access;

/// <summary>How sensitive a role's view (or a version's classification) is; ordered low to critical.</summary>
public enum AccessLevel
{
    Low = 0,
    Medium = 1,
    High = 2,
    Critical = 3,
}
