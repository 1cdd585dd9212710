namespace Slurp.Host.Silo;

/// <summary>Where a cluster activates a context node that is not active anywhere (option <c>Slurp:Cluster:NodePlacement</c>).</summary>
public enum NodePlacement
{
    /// <summary>
    /// On the silo whose front door (or grain) called it first: an agent that keeps its connection to one silo
    /// finds the nodes it writes on that silo, and every call into them stays in the process.
    /// </summary>
    Local,

    /// <summary>Orleans' default, resource-optimized placement: spread by the silos' load, so most calls cross silos.</summary>
    Balanced,
}
