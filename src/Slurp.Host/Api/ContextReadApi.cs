using Microsoft.Extensions.Options;
using Slurp.Abstractions.Context;
using Slurp.Domain.Audit;
using Slurp.Domain.Context;
using Slurp.Domain.Versions;
using Slurp.Host.Audit;
using Slurp.Host.Auth;
using Slurp.Host.Configuration;
using Slurp.Host.Context;

namespace Slurp.Host.Api;

/// <summary>Reading context: a node (resolved through the cascade), its history, diffs and children.</summary>
internal static class ContextReadApi
{
    public static async Task<IResult> GetContext(
        string? address, string? resolve, string? branch, HttpContext http, IGrainFactory grains, IOptions<SlurpOptions> options, AuditTrail audit, AccessCache access)
    {
        var ct = http.RequestAborted;
        var maxDepth = options.Value.Cascade.MaxDepth;
        if (NodeTarget.Parse(address, branch, allowTemporal: true, maxDepth, out var problem) is not { } target)
        {
            return problem!;
        }

        if (!TryParseFlag(resolve, "resolve", defaultValue: true, out var doResolve, out problem))
        {
            return problem!;
        }

        var catalog = await access.CatalogAsync(ct);
        var nodeAddress = target.Node.ToString();
        if (CallerRoles.ForRead(CallerAuthentication.Caller(http), target.Address, catalog, out problem) is not { } roles)
        {
            return await audit.DenyAsync(http, AuditAction.Read, nodeAddress, target.Address.Role, problem!);
        }

        var node = grains.GetGrainByKey<IContextNodeGrain>(target.Node.ToGrainKey());
        var read = await node.ReadAsync(target.Branch, NodeReads.ToRequest(target.Address.Temporal), [.. roles], ct);
        if (read.Status == ReadStatus.Gone && read.Version is { } tombstone && !NodeReads.CanSee(tombstone, roles))
        {
            // A deletion is news about the node too: only its readers learn of it.
            return await audit.DenyAsync(http, AuditAction.Read, nodeAddress, target.Address.Role,
                Problems.Forbidden($"{target.Node} is not readable by role(s) {string.Join(", ", roles)}"));
        }

        if (NodeReads.ProblemFor(read) is { } notFound)
        {
            return await audit.FailAsync(http, AuditAction.Read, nodeAddress, target.Address.Role, notFound);
        }

        var version = read.Version!;
        var self = ContextMapping.ToChainLink(version, nodeAddress, catalog.CoveringAll(target.Node.Path.Value));
        if (!self.Layers.Any(l => l.IsReadableBy(roles)))
        {
            return await audit.DenyAsync(http, AuditAction.Read, nodeAddress, target.Address.Role,
                Problems.Forbidden($"version {version.Version} of {target.Node} is not readable by role(s) {string.Join(", ", roles)}"));
        }

        var chain = new List<NodeLayers>();
        if (doResolve)
        {
            var asOf = target.Address.Temporal is null ? (DateTimeOffset?)null : version.CreatedAt;
            chain = await CascadeChainLoader.LoadAncestorsAsync(grains, CascadeChainLoader.Cache(http, options.Value.Cascade), target.Node, target.Branch, asOf, catalog, roles, maxDepth, ct);
        }

        chain.Add(self);
        var resolved = CascadeResolver.Resolve(chain, roles, new CascadeOptions(maxDepth));
        var children = await ChildListing.VisibleAsync(grains, target.Node, roles, catalog, checkContent: true, ct);
        await audit.AllowedAsync(http, AuditAction.Read, nodeAddress, target.Address.Role, $"version {version.Version}");
        return TypedResults.Ok(NodeViewFactory.Create(
            target.Node, version, resolved, doResolve, [.. children.Select(c => c.ToString())], roles));
    }

    public static async Task<IResult> GetHistory(
        string? address, string? branch, string? limit, string? cursor, HttpContext http, IGrainFactory grains, IOptions<SlurpOptions> options, AuditTrail audit, AccessCache access)
    {
        var ct = http.RequestAborted;
        if (NodeTarget.Parse(address, branch, allowTemporal: false, options.Value.Cascade.MaxDepth, out var problem) is not { } target)
        {
            return problem!;
        }

        if (!Paging.TryParse(limit, cursor, out var page, out problem))
        {
            return problem!;
        }

        var catalog = await access.CatalogAsync(ct);
        var nodeAddress = target.Node.ToString();
        if (CallerRoles.ForRead(CallerAuthentication.Caller(http), target.Address, catalog, out problem) is not { } roles)
        {
            return await audit.DenyAsync(http, AuditAction.History, nodeAddress, target.Address.Role, problem!);
        }

        var node = grains.GetGrainByKey<IContextNodeGrain>(target.Node.ToGrainKey());
        var history = await node.GetHistoryAsync(target.Branch, ct);
        if (history.Length == 0)
        {
            return await audit.FailAsync(http, AuditAction.History, nodeAddress, target.Address.Role, await NodeMissingAsync(node, target.Branch, ct));
        }

        if (!NodeReads.CanSee(history[0], roles))
        {
            return await audit.DenyAsync(http, AuditAction.History, nodeAddress, target.Address.Role,
                Problems.Forbidden($"the history of {target.Node} is not readable by role(s) {string.Join(", ", roles)}"));
        }

        await audit.AllowedAsync(http, AuditAction.History, nodeAddress, target.Address.Role);

        var start = page.After is { } after ? Array.FindIndex(history, v => v.Version < after) : 0;
        var items = start < 0 ? [] : history.Skip(start).Take(page.Limit).Select(NodeViewFactory.Temporal).ToList();
        var next = start >= 0 && start + page.Limit < history.Length ? Paging.Cursor(items[^1].Version) : null;
        return TypedResults.Ok(new Page<TemporalMetadataView>(items, next));
    }

    public static async Task<IResult> GetDiff(
        string? address, string? from, string? to, HttpContext http, IGrainFactory grains, IOptions<SlurpOptions> options, AuditTrail audit, AccessCache access)
    {
        var ct = http.RequestAborted;
        if (NodeTarget.Parse(address, null, allowTemporal: false, options.Value.Cascade.MaxDepth, out var problem) is not { } target)
        {
            return problem!;
        }

        if (!Paging.TryParseVersion(from, out var fromVersion) || !Paging.TryParseVersion(to, out var toVersion))
        {
            return Problems.BadRequest("invalid-query", "Two versions are required", "give 'from' and 'to' as version numbers (1 or more)");
        }

        var catalog = await access.CatalogAsync(ct);
        var nodeAddress = target.Node.ToString();
        if (CallerRoles.ForRead(CallerAuthentication.Caller(http), target.Address, catalog, out problem) is not { } roles)
        {
            return await audit.DenyAsync(http, AuditAction.Diff, nodeAddress, target.Address.Role, problem!);
        }

        var node = grains.GetGrainByKey<IContextNodeGrain>(target.Node.ToGrainKey());
        var versions = new StoredVersion[2];
        var numbers = new[] { fromVersion, toVersion };
        for (var i = 0; i < 2; i++)
        {
            var read = await node.ReadAsync(BranchName.Main, new TemporalRequest { Kind = "Exact", N = numbers[i] }, [.. roles], ct);
            if (read.Version is null)
            {
                return await audit.FailAsync(http, AuditAction.Diff, nodeAddress, target.Address.Role,
                    Problems.NotFound(read.Detail ?? $"version {numbers[i]} does not exist"));
            }

            if (!NodeReads.CanSee(read.Version, roles))
            {
                return await audit.DenyAsync(http, AuditAction.Diff, nodeAddress, target.Address.Role,
                    Problems.Forbidden($"version {numbers[i]} is not readable by role(s) {string.Join(", ", roles)}"));
            }

            if (read.Status == ReadStatus.Gone && !read.Version.IsTombstone)
            {
                // Shredded: its content is unknowable, so no diff can say what changed (a deletion diffs as empty content).
                return await audit.FailAsync(http, AuditAction.Diff, nodeAddress, target.Address.Role,
                    Problems.Gone(read.Detail ?? $"version {numbers[i]} was crypto-shredded"));
            }

            versions[i] = read.Version;
        }

        await audit.AllowedAsync(http, AuditAction.Diff, nodeAddress, target.Address.Role, $"versions {fromVersion} and {toVersion}");

        var diff = ContextDiff.Compute(versions[0].ToContent(roles.Contains), versions[1].ToContent(roles.Contains));
        return TypedResults.Ok(new DiffView(target.Node.ToString(), fromVersion, toVersion, diff.Added, diff.Removed, diff.Changed));
    }

    public static async Task<IResult> GetChildren(
        string? address, string? limit, string? cursor, HttpContext http, IGrainFactory grains, IOptions<SlurpOptions> options, AuditTrail audit, AccessCache access)
    {
        var ct = http.RequestAborted;
        if (NodeTarget.Parse(address, null, allowTemporal: false, options.Value.Cascade.MaxDepth, out var problem) is not { } target)
        {
            return problem!;
        }

        if (!Paging.TryParseName(limit, cursor, out var page, out problem))
        {
            return problem!;
        }

        var catalog = await access.CatalogAsync(ct);
        var caller = CallerAuthentication.Caller(http);
        if (!Slurp.Domain.Addresses.UcxlAddress.IsAny(target.Address.Role) && !caller.Roles.Contains(target.Address.Role, StringComparer.Ordinal))
        {
            return await audit.DenyAsync(http, AuditAction.Children, target.Node.ToString(), target.Address.Role,
                Problems.Forbidden($"agent '{caller.AgentId}' does not hold role '{target.Address.Role}'"));
        }

        await audit.AllowedAsync(http, AuditAction.Children, target.Node.ToString(), target.Address.Role);

        var roles = Slurp.Domain.Addresses.UcxlAddress.IsAny(target.Address.Role) ? caller.Roles : [target.Address.Role];
        var children = await ChildListing.VisibleAsync(grains, target.Node, roles, catalog, checkContent: true, ct);
        var (shown, next) = Paging.ByName(children, c => c.Path.Name, page);
        return TypedResults.Ok(new Page<string>([.. shown.Select(c => c.ToString())], next));
    }

    public static async Task<IResult> GetBranches(
        string? address, string? limit, string? cursor, HttpContext http, IGrainFactory grains, IOptions<SlurpOptions> options, AuditTrail audit, AccessCache access)
    {
        var ct = http.RequestAborted;
        if (NodeTarget.Parse(address, null, allowTemporal: false, options.Value.Cascade.MaxDepth, out var problem) is not { } target)
        {
            return problem!;
        }

        if (!Paging.TryParseName(limit, cursor, out var page, out problem))
        {
            return problem!;
        }

        var catalog = await access.CatalogAsync(ct);
        var nodeAddress = target.Node.ToString();
        if (CallerRoles.ForRead(CallerAuthentication.Caller(http), target.Address, catalog, out problem) is not { } roles)
        {
            return await audit.DenyAsync(http, AuditAction.History, nodeAddress, target.Address.Role, problem!);
        }

        var node = grains.GetGrainByKey<IContextNodeGrain>(target.Node.ToGrainKey());
        var branches = await node.GetBranchesAsync(ct);
        if (branches.Count == 0)
        {
            return await audit.FailAsync(http, AuditAction.History, nodeAddress, target.Address.Role, Problems.NotFound("no context has been written at this address"));
        }

        // Branch names and heads are version metadata: listed only where the roles may read the branch's head, as history is.
        var visible = new List<BranchView>();
        foreach (var (name, headVersion) in branches.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            if (await node.GetHeadAsync(name, ct) is { } head && NodeReads.CanSee(head, roles))
            {
                visible.Add(new BranchView(name, headVersion));
            }
        }

        if (visible.Count == 0)
        {
            return await audit.DenyAsync(http, AuditAction.History, nodeAddress, target.Address.Role,
                Problems.Forbidden($"the branches of {target.Node} are not readable by role(s) {string.Join(", ", roles)}"));
        }

        await audit.AllowedAsync(http, AuditAction.History, nodeAddress, target.Address.Role, "branches");
        var (items, next) = Paging.ByName(visible, b => b.Name, page);
        return TypedResults.Ok(new Page<BranchView>(items, next));
    }

    internal static async Task<IResult> NodeMissingAsync(IContextNodeGrain node, string branch, CancellationToken ct)
    {
        var branches = await node.GetBranchesAsync(ct);
        return Problems.NotFound(branches.Count == 0 ? "no context has been written at this address" : $"the node has no branch '{branch}'");
    }

    private static bool TryParseFlag(string? text, string name, bool defaultValue, out bool value, out IResult? problem)
    {
        problem = null;
        value = defaultValue;
        if (text is null)
        {
            return true;
        }

        if (bool.TryParse(text, out value))
        {
            return true;
        }

        problem = Problems.BadRequest("invalid-query", $"'{name}' must be true or false", $"'{name}={text}' is not true or false");
        return false;
    }
}

/// <summary>A diff between two versions of a node.</summary>
public sealed record DiffView(
    string UcxlAddress, int FromVersion, int ToVersion,
    IReadOnlyDictionary<string, object> Added, IReadOnlyDictionary<string, object> Removed, IReadOnlyDictionary<string, Slurp.Domain.Versions.ScalarChange> Changed);
