using Slurp.Domain.Addresses;
using Slurp.Domain.Versions;
using Slurp.Host.Api;

namespace Slurp.Host.Context;

/// <summary>The node a request is about: its parsed address, identity and branch.</summary>
internal sealed record NodeTarget(UcxlAddress Address, NodeKey Node, string Branch)
{
    /// <summary>
    /// Parses the <c>address</c> and <c>branch</c> query parameters, or gives the 400 to answer.
    /// Writes may not carry a temporal selector; every node needs a concrete project and task.
    /// </summary>
    public static NodeTarget? Parse(string? address, string? branch, bool allowTemporal, int maxDepth, out IResult? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(address))
        {
            problem = Problems.InvalidAddress("the query parameter 'address' is required (a URL-encoded ucxl:// address)");
            return null;
        }

        if (!UcxlAddress.TryParse(address, out var parsed, out var error))
        {
            problem = Problems.InvalidAddress(error!.ToString());
            return null;
        }

        if (!parsed!.HasConcreteNode)
        {
            problem = Problems.InvalidAddress("project and task must be concrete (not 'any') to name a context node");
            return null;
        }

        if (!allowTemporal && parsed.Temporal is not null)
        {
            problem = Problems.InvalidAddress($"temporal: '{parsed.Temporal}' selects a past version; this operation acts on the head, so omit the selector");
            return null;
        }

        if (parsed.Path.Depth > maxDepth)
        {
            problem = Problems.InvalidAddress($"path: depth {parsed.Path.Depth} exceeds Slurp:Cascade:MaxDepth ({maxDepth})");
            return null;
        }

        var branchName = string.IsNullOrEmpty(branch) ? BranchName.Main : branch;
        if (!BranchName.IsValid(branchName, out var branchError))
        {
            problem = Problems.BadRequest("invalid-branch", "The branch name is not valid", branchError!);
            return null;
        }

        return new NodeTarget(parsed, parsed.Node, branchName);
    }
}
