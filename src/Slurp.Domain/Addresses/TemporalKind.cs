namespace Slurp.Domain.Addresses;

/// <summary>Which version of a node a <see cref="TemporalSelector"/> points at.</summary>
public enum TemporalKind
{
    /// <summary><c>*^</c>: the newest version.</summary>
    Latest = 0,

    /// <summary><c>*~</c>: the first version.</summary>
    First = 1,

    /// <summary><c>*~N</c>: exactly version N (N ≥ 1).</summary>
    Exact = 2,

    /// <summary><c>~~N</c>: N versions back from the newest (N ≥ 0; 0 is the newest).</summary>
    Back = 3,

    /// <summary><c>^^N</c>: N versions forward from the first (N ≥ 0; 0 is the first).</summary>
    Forward = 4,

    /// <summary>An ISO-8601 instant: the version that was current at that time.</summary>
    AsOf = 5,
}
