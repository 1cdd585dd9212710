namespace Slurp.Domain.Versions;

/// <summary>Which version of a branch a read asks for (API.md "Addresses", <c>temporal</c>).</summary>
public enum TemporalQueryKind
{
    /// <summary>The head of the branch (<c>*^</c>, also the default).</summary>
    Latest,

    /// <summary>The oldest version of the branch's lineage (<c>*~</c>).</summary>
    First,

    /// <summary>Version N of the node, on any branch (<c>*~N</c>).</summary>
    Exact,

    /// <summary>N versions back from the head along the lineage (<c>~~N</c>).</summary>
    Back,

    /// <summary>N versions forward from the first along the lineage (<c>^^N</c>).</summary>
    Forward,

    /// <summary>The version current at an instant (an ISO-8601 selector).</summary>
    AsOf,
}
