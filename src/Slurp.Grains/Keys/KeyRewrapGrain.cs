using Microsoft.Extensions.Logging;
using Slurp.Abstractions.Context;
using Slurp.Abstractions.Keys;
using Slurp.Domain.Addresses;

namespace Slurp.Grains.Keys;

/// <summary>
/// Walks every node tree (from the project directory, through children lists) and re-wraps the role's
/// data keys to the active key version; when a whole pass succeeds, older versions are retired.
/// Content is never re-encrypted: only the small wrapped keys change. Reads keep working throughout,
/// since a decrypt-only version still unwraps until it is retired.
/// </summary>
public sealed partial class KeyRewrapGrain(RoleKeyCache keys, ILogger<KeyRewrapGrain> logger) : Grain, IKeyRewrapGrain
{
    private RewrapStatus _status = new();
    private int _pendingTarget;
    private IGrainTimer? _timer;

    private string Role => this.GetPrimaryKeyString();

    public Task StartAsync(int targetVersion, TimeSpan delay)
    {
        _pendingTarget = Math.Max(_pendingTarget, targetVersion);
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(RunAsync, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }

        return Task.CompletedTask;
    }

    public Task<RewrapStatus> GetStatusAsync() => Task.FromResult(_status);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (_pendingTarget > 0)
        {
            var target = _pendingTarget;
            _pendingTarget = 0;
            _status = new RewrapStatus { TargetVersion = target, Running = true };
            try
            {
                var (visited, rewrapped) = await PassAsync(target);
                await GrainFactory.GetGrainByKey<IRoleKeyGrain>(RoleKeyGrain.KeyPrefix + Role).RetireBelowAsync(target);
                for (var version = 1; version < target; version++)
                {
                    // Zero retired material here at once; other silos drop it at their next revalidation.
                    keys.Forget(Role, version);
                }

                _status = new RewrapStatus { TargetVersion = target, NodesVisited = visited, KeysRewrapped = rewrapped, CompletedAt = DateTimeOffset.UtcNow };
                LogPassDone(Role, target, visited, rewrapped);
            }
            catch (Exception ex)
            {
                // Left for the role key's reminder to start again; nothing is retired after a failed pass.
                _status = _status with { Running = false, LastError = ex.Message };
                LogPassFailed(ex, Role, target);
            }
        }

        _timer?.Dispose();
        _timer = null;
    }

    private async Task<(int Visited, int Rewrapped)> PassAsync(int target)
    {
        var visited = 0;
        var rewrapped = 0;
        var projects = await GrainFactory.GetGrainByKey<IProjectDirectoryGrain>(IProjectDirectoryGrain.Key).GetAllAsync();
        foreach (var entry in projects)
        {
            var split = entry.IndexOf('/', StringComparison.Ordinal);
            var queue = new Queue<NodeKey>([new NodeKey(entry[..split], entry[(split + 1)..], NodePath.Root)]);
            while (queue.TryDequeue(out var node))
            {
                var grain = GrainFactory.GetGrainByKey<IContextNodeGrain>(node.ToGrainKey());
                rewrapped += await grain.RewrapAsync(Role, target);
                visited++;
                foreach (var child in await grain.GetChildrenAsync())
                {
                    queue.Enqueue(node with { Path = node.Path.Child(child) });
                }
            }
        }

        return (visited, rewrapped);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-wrap of role {Role} to key version {Target}: {Visited} nodes, {Rewrapped} data keys")]
    private partial void LogPassDone(string role, int target, int visited, int rewrapped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-wrap of role {Role} to key version {Target} failed; it will be retried")]
    private partial void LogPassFailed(Exception exception, string role, int target);
}
