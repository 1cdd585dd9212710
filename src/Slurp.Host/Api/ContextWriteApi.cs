using Microsoft.Extensions.Options;
using Slurp.Abstractions.Context;
using Slurp.Domain.Audit;
using Slurp.Domain.Access;
using Slurp.Domain.Crypto;
using Slurp.Domain.Context;
using Slurp.Domain.Versions;
using Slurp.Host.Audit;
using Slurp.Host.Auth;
using Slurp.Host.Configuration;
using Slurp.Host.Context;
using Slurp.Grains.Seal;
using Slurp.Grains.Storage;

namespace Slurp.Host.Api;

/// <summary>Writing context: new versions, deletions, rollbacks and branches.</summary>
internal static class ContextWriteApi
{
    public static async Task<IResult> PutContext(
        string? address, string? branch, HttpContext http, IGrainFactory grains, IOptions<SlurpOptions> options, AuditTrail audit, AccessCache access)
    {
        var ct = http.RequestAborted;
        var settings = options.Value;
        if (NodeTarget.Parse(address, branch, allowTemporal: false, settings.Cascade.MaxDepth, out var problem) is not { } target)
        {
            return problem!;
        }

        var body = await JsonBodyReader.ReadAsync<PutContextBody>(http.Request, settings.Api.MaxBodyBytes, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var catalog = await access.CatalogAsync(ct);
        var caller = CallerAuthentication.Caller(http);
        if (CallerRoles.ForWrite(caller, target.Address, catalog, out problem) is not { } writer)
        {
            return await audit.DenyAsync(http, AuditAction.Write, target.Node.ToString(), target.Address.Role, problem!);
        }

        if (WriteRequestValidator.Validate(body.Value!, catalog, out var errors) is not { } write)
        {
            return Problems.Validation(errors);
        }

        if (!TryAttribution(http, "PUT", target, body.Raw, caller, writer.Name, write.ChangeReason, write.DecisionRef, write.Influences, out var attribution, out problem))
        {
            return problem!;
        }

        var path = target.Node.Path.Value;
        var readers = (write.ExplicitReaders ?? AccessPolicy.DefaultReaders(catalog.All, path, write.Classification))
            .Append(writer.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

        // Differential storage: keep only what the readers do not already inherit at write time.
        var cascade = new CascadeOptions(settings.Cascade.MaxDepth);
        var ancestors = await CascadeChainLoader.LoadAncestorsAsync(grains, CascadeChainLoader.Cache(http, settings.Cascade), target.Node, write.Branch ?? target.Branch, null, catalog, readers, settings.Cascade.MaxDepth, ct);
        var stored = DifferentialLayer.Compute(write.Data, ancestors, readers, cascade);
        // An overlay applies after the node's own base layer, so it is reduced against that layer too.
        var withBase = new List<NodeLayers>(ancestors) { new(target.Node.ToString(), [ContextLayer.Base(readers, stored)]) };
        var overlayCascade = cascade with { MaxDepth = cascade.MaxDepth + 1 };
        var overlays = write.Overlays
            .Select(o => (Role: o.Key, Data: DifferentialLayer.Compute(o.Value, withBase, [o.Key], overlayCascade)))
            .Where(o => !o.Data.IsEmpty)
            .OrderBy(o => o.Role, StringComparer.Ordinal)
            .ToList();
        var content = new VersionContent(stored, write.Classification, readers, overlays.ToDictionary(o => o.Role, o => o.Data, StringComparer.Ordinal));
        var layers = new List<StoredLayer> { new() { LayerName = ContextLayer.BaseName, Readers = readers, Content = stored.ToWire() } };
        layers.AddRange(overlays.Select(o => new StoredLayer { LayerName = o.Role, Readers = [o.Role], Content = o.Data.ToWire() }));

        var command = new WriteCommand
        {
            Branch = write.Branch ?? target.Branch,
            ExpectedVersion = write.ExpectedVersion,
            Content = new NodeContent
            {
                Classification = AccessLevels.ToWire(write.Classification),
                Readers = readers,
                Layers = [.. layers],
                ContentHash = content.ComputeHash(),
            },
            Attribution = attribution!,
            // Committed with the new version in one transaction (fail-closed without a second commit).
            Audit = audit.AllowedNote(http, AuditAction.Write, target.Node.ToString(), writer.Name, $"change_reason {write.ChangeReason}"),
        };
        var result = await grains.GetGrainByKey<IContextNodeGrain>(target.Node.ToGrainKey()).WriteAsync(command, ct);
        if (!result.AuditRecorded)
        {
            // Nothing was stored (unchanged, conflict, replay), or the storage cannot carry the entry.
            await audit.RecordAsync(command.Audit, ct);
        }

        if (MutationAnswers.ProblemFor(result) is { } failed)
        {
            return failed;
        }

        // The grain answers with metadata only; the plaintext of the layers is what this request sent.
        var written = result.Version! with { Layers = command.Content.Layers };
        var view = await OwnViewAsync(grains, target, written, writer.Name, catalog, result.Status == MutationStatus.Unchanged, ct, result.Children);
        return result.Status == MutationStatus.Created
            ? TypedResults.Created($"/v1/context?address={Uri.EscapeDataString(target.Node.ToString())}", view)
            : TypedResults.Ok(view);
    }

    public static async Task<IResult> DeleteContext(
        string? address, string? branch, string? shred, HttpContext http, IGrainFactory grains, IOptions<SlurpOptions> options,
        AuditTrail audit, AccessCache access, IServiceProvider services)
    {
        var ct = http.RequestAborted;
        if (NodeTarget.Parse(address, branch, allowTemporal: false, options.Value.Cascade.MaxDepth, out var problem) is not { } target)
        {
            return problem!;
        }

        if (shred is not null && !bool.TryParse(shred, out _))
        {
            return Problems.BadRequest("invalid-query", "'shred' must be true or false", $"'shred={shred}' is not true or false");
        }

        var catalog = await access.CatalogAsync(ct);
        var caller = CallerAuthentication.Caller(http);
        if (shred is not null && bool.Parse(shred))
        {
            return await ShredAsync(target, caller, http, grains, audit, services);
        }

        if (CallerRoles.ForWrite(caller, target.Address, catalog, out problem) is not { } writer)
        {
            return await audit.DenyAsync(http, AuditAction.Delete, target.Node.ToString(), target.Address.Role, problem!);
        }

        if (!TryAttribution(http, "DELETE", target, [], caller, writer.Name, ChangeReasons.ToWire(ChangeReason.Deletion), null, [], out var attribution, out problem))
        {
            return problem!;
        }

        await audit.AllowedAsync(http, AuditAction.Delete, target.Node.ToString(), writer.Name);
        var result = await grains.GetGrainByKey<IContextNodeGrain>(target.Node.ToGrainKey()).DeleteAsync(target.Branch, attribution!, ct);
        return MutationAnswers.ProblemFor(result) ?? TypedResults.Ok(NodeViewFactory.Temporal(result.Version!));
    }

    public static async Task<IResult> Rollback(
        string? address, string? branch, HttpContext http, IGrainFactory grains, IOptions<SlurpOptions> options, AuditTrail audit, AccessCache access)
    {
        var ct = http.RequestAborted;
        var settings = options.Value;
        if (NodeTarget.Parse(address, branch, allowTemporal: false, settings.Cascade.MaxDepth, out var problem) is not { } target)
        {
            return problem!;
        }

        var body = await JsonBodyReader.ReadAsync<RollbackBody>(http.Request, settings.Api.MaxBodyBytes, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (body.Value!.ToVersion is not >= 1)
        {
            errors["to_version"] = ["to_version is required: the version (1 or more) whose content to restore"];
        }

        var reason = body.Value.ChangeReason ?? ChangeReasons.ToWire(ChangeReason.Rollback);
        if (!ChangeReasons.TryParse(reason, out _))
        {
            errors["change_reason"] = [$"'{reason}' is not one of {string.Join(", ", ChangeReasons.WireNames)}"];
        }

        var branchName = body.Value.Branch ?? target.Branch;
        if (!BranchName.IsValid(branchName, out var branchError))
        {
            errors["branch"] = [branchError!];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var catalog = await access.CatalogAsync(ct);
        var caller = CallerAuthentication.Caller(http);
        if (CallerRoles.ForWrite(caller, target.Address, catalog, out problem) is not { } writer)
        {
            return await audit.DenyAsync(http, AuditAction.Rollback, target.Node.ToString(), target.Address.Role, problem!);
        }

        if (!TryAttribution(http, "ROLLBACK", target, body.Raw, caller, writer.Name, reason, null, [], out var attribution, out problem))
        {
            return problem!;
        }

        await audit.AllowedAsync(http, AuditAction.Rollback, target.Node.ToString(), writer.Name, $"to version {body.Value.ToVersion}");
        var node = grains.GetGrainByKey<IContextNodeGrain>(target.Node.ToGrainKey());
        var result = await node.RollbackAsync(branchName, body.Value.ToVersion!.Value, attribution!, ct);
        if (MutationAnswers.ProblemFor(result) is { } failed)
        {
            return failed;
        }

        var written = await node.ReadAsync(branchName, new TemporalRequest { Kind = "Exact", N = result.Version!.Version }, [writer.Name], ct);
        return TypedResults.Ok(await OwnViewAsync(grains, target, written.Version ?? result.Version, writer.Name, catalog, result.Status == MutationStatus.Unchanged, ct));
    }

    public static async Task<IResult> CreateBranch(string? address, HttpContext http, IGrainFactory grains, IOptions<SlurpOptions> options, AuditTrail audit, AccessCache access)
    {
        var ct = http.RequestAborted;
        var settings = options.Value;
        if (NodeTarget.Parse(address, null, allowTemporal: false, settings.Cascade.MaxDepth, out var problem) is not { } target)
        {
            return problem!;
        }

        var body = await JsonBodyReader.ReadAsync<CreateBranchBody>(http.Request, settings.Api.MaxBodyBytes, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (!BranchName.IsValid(body.Value!.Name, out var nameError))
        {
            errors["name"] = [body.Value.Name is null ? "name is required" : nameError!];
        }

        if (body.Value.FromVersion is not >= 1)
        {
            errors["from_version"] = ["from_version is required: the version (1 or more) the branch starts from"];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var catalog = await access.CatalogAsync(ct);
        var caller = CallerAuthentication.Caller(http);
        if (CallerRoles.ForWrite(caller, target.Address, catalog, out problem) is not { } writer)
        {
            return await audit.DenyAsync(http, AuditAction.Branch, target.Node.ToString(), target.Address.Role, problem!);
        }

        if (!TryAttribution(http, "BRANCH", target, body.Raw, caller, writer.Name, ChangeReasons.ToWire(ChangeReason.DesignDecision), null, [], out var attribution, out problem))
        {
            return problem!;
        }

        await audit.AllowedAsync(http, AuditAction.Branch, target.Node.ToString(), writer.Name, $"branch {body.Value.Name} from version {body.Value.FromVersion}");
        var result = await grains.GetGrainByKey<IContextNodeGrain>(target.Node.ToGrainKey())
            .CreateBranchAsync(body.Value.Name!, body.Value.FromVersion!.Value, attribution!, ct);
        return MutationAnswers.ProblemFor(result)
            ?? TypedResults.Created(
                $"/v1/context?address={Uri.EscapeDataString(target.Node.ToString())}&branch={Uri.EscapeDataString(body.Value.Name!)}",
                new BranchView(body.Value.Name!, body.Value.FromVersion.Value));
    }

    /// <summary>Crypto-shredding (admin): destroys the node's data keys, then scrubs old row images from the store files.</summary>
    private static async Task<IResult> ShredAsync(
        NodeTarget target, AgentIdentity caller, HttpContext http, IGrainFactory grains, AuditTrail audit, IServiceProvider services)
    {
        var nodeAddress = target.Node.ToString();
        if (!caller.IsAdmin)
        {
            return await audit.DenyAsync(http, AuditAction.Shred, nodeAddress, target.Address.Role,
                Problems.Forbidden("only the admin role may shred context"));
        }

        await audit.AllowedAsync(http, AuditAction.Shred, nodeAddress, AgentIdentity.AdminRole);
        var result = await grains.GetGrainByKey<IContextNodeGrain>(target.Node.ToGrainKey()).ShredAsync(
            new Attribution { CreatedBy = caller.AgentId + ":" + AgentIdentity.AdminRole, ChangeReason = ChangeReasons.ToWire(ChangeReason.Deletion) },
            http.RequestAborted);
        if (MutationAnswers.ProblemFor(result) is { } failed)
        {
            return failed;
        }

        if (services.GetService<SqliteStateStore>() is { } store)
        {
            await store.ScrubAsync();
        }

        return TypedResults.Ok(NodeViewFactory.Temporal(result.Version!));
    }

    private static bool TryAttribution(
        HttpContext http, string operation, NodeTarget target, ReadOnlySpan<byte> body, AgentIdentity caller, string role,
        string reason, string? decisionRef, string[] influences, out Attribution? attribution, out IResult? problem)
    {
        attribution = null;
        if (!IdempotencyKeys.TryRead(http.Request, operation, target.Node + "#" + target.Branch, body, out var key, out var fingerprint, out problem))
        {
            return false;
        }

        // The node keeps the fingerprint for a day: blinded like the content hash, so that the files never hold
        // a plain digest of the request body that would confirm a guess of its content.
        var digest = fingerprint;
        var blinded = digest is null
            ? null
            : http.RequestServices.GetRequiredService<SealVault>().UseContentHashKey(k => KeyedHash.Hmac(k, digest));
        attribution = new Attribution
        {
            CreatedBy = caller.AgentId + ":" + role,
            ChangeReason = reason,
            DecisionRef = decisionRef,
            Influences = influences,
            IdempotencyKey = key,
            RequestFingerprint = blinded,
        };
        return true;
    }

    /// <summary>The node view of a just-written version, unresolved, as the writing role sees it.</summary>
    private static async Task<NodeView> OwnViewAsync(
        IGrainFactory grains, NodeTarget target, StoredVersion version, string role, RoleCatalog catalog, bool unchanged, CancellationToken ct,
        string[]? knownChildren = null)
    {
        var roles = new HashSet<string>(StringComparer.Ordinal) { role };
        var self = ContextMapping.ToChainLink(version, target.Node.ToString(), catalog.CoveringAll(target.Node.Path.Value));
        var resolved = CascadeResolver.Resolve([self], roles, new CascadeOptions(1));
        var children = await ChildListing.VisibleAsync(grains, target.Node, roles, catalog, checkContent: true, ct, knownChildren);
        return NodeViewFactory.Create(target.Node, version, resolved, false, [.. children.Select(c => c.ToString())], roles, unchanged);
    }
}
