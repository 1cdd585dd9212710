using Slurp.Abstractions.Context;
using Slurp.Grains.Audit;

namespace Slurp.Grains.Context;

/// <summary>Knows every project/task that has a root node, so maintenance can walk every tree.</summary>
public sealed class ProjectDirectoryGrain(
    [PersistentState("projects", StorageNames.Context)] IPersistentState<ProjectDirectoryState> state) : Grain, IProjectDirectoryGrain
{
    public async Task<bool> RegisterAsync(string project, string task, AuditNote? audit = null, CancellationToken cancellationToken = default)
    {
        var entry = project + "/" + task;
        var index = state.State.Projects.BinarySearch(entry, StringComparer.Ordinal);
        if (index >= 0)
        {
            return false;
        }

        state.State.Projects.Insert(~index, entry);
        try
        {
            return await AuditCarrier.WriteAsync(audit, () => state.WriteStateAsync(cancellationToken));
        }
        catch
        {
            state.State.Projects.Remove(entry);
            throw;
        }
    }

    public Task<string[]> GetAllAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Projects.ToArray());
}
