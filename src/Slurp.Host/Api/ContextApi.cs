using Slurp.Host.Context;

namespace Slurp.Host.Api;

/// <summary>Routes of <c>/v1/context</c>.</summary>
internal static class ContextApi
{
    public static RouteGroupBuilder MapContext(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/context").WithTags("Context").WithMetadata(new RequiresUnsealed());
        group.MapGet("/", ContextReadApi.GetContext).WithName("GetContext")
            .WithSummary("Read a node, resolved through its ancestors for the reading role").Produces<NodeView>();
        group.MapPut("/", ContextWriteApi.PutContext).WithName("PutContext")
            .WithSummary("Write a new version of a node's own layer").Accepts<PutContextBody>("application/json")
            .Produces<NodeView>().Produces<NodeView>(StatusCodes.Status201Created);
        group.MapDelete("/", ContextWriteApi.DeleteContext).WithName("DeleteContext")
            .WithSummary("Delete a node (appends a tombstone; history stays)").Produces<TemporalMetadataView>();
        group.MapGet("/history", ContextReadApi.GetHistory).WithName("GetHistory")
            .WithSummary("The versions of a branch, newest first").Produces<Page<TemporalMetadataView>>();
        group.MapGet("/diff", ContextReadApi.GetDiff).WithName("GetDiff")
            .WithSummary("What changed between two versions").Produces<DiffView>();
        group.MapPost("/rollback", ContextWriteApi.Rollback).WithName("Rollback")
            .WithSummary("Append a version equal to an older one").Accepts<RollbackBody>("application/json").Produces<NodeView>();
        group.MapPost("/branches", ContextWriteApi.CreateBranch).WithName("CreateBranch")
            .WithSummary("Fork a branch from a version").Accepts<CreateBranchBody>("application/json")
            .Produces<BranchView>(StatusCodes.Status201Created);
        group.MapGet("/branches", ContextReadApi.GetBranches).WithName("GetBranches")
            .WithSummary("The node's branches and their heads").Produces<Page<BranchView>>();
        group.MapGet("/children", ContextReadApi.GetChildren).WithName("GetChildren")
            .WithSummary("The child addresses the caller may read").Produces<Page<string>>();
        return v1;
    }
}
