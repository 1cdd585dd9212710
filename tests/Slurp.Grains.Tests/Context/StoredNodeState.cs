using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Slurp.Abstractions.Context;
using Slurp.Grains.Context;

namespace Slurp.Grains.Tests.Context;

/// <summary>What a node's grain storage holds, read past the grain.</summary>
internal static class StoredNodeState
{
    public static async Task<ContextNodeState> ReadAsync(IServiceProvider siloServices, IContextNodeGrain node)
    {
        var storage = siloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Context);
        var state = new GrainState<ContextNodeState>();
        await storage.ReadStateAsync("node", node.GetGrainId(), state);
        return state.State!;
    }
}
