using System.Collections.Concurrent;
using Slurp.Abstractions.Context;

namespace Slurp.Grains.Tests;

/// <summary>
/// An outgoing call filter that holds a node's registration with its parent (<c>RegisterChildAsync</c> for a
/// given child name) until the test releases it: a parent that answers late, as one on a failing silo does.
/// </summary>
public sealed class RegistrationGate : IOutgoingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, Hold> _holds = new(StringComparer.Ordinal);

    /// <summary>Holds the next registrations of a child named <paramref name="childName"/> until released.</summary>
    public Hold HoldRegistrationOf(string childName) => _holds.GetOrAdd(childName, _ => new Hold());

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.MethodName == nameof(IContextNodeGrain.RegisterChildAsync)
            && context.Request.GetArgument(0) is string child
            && _holds.TryGetValue(child, out var hold))
        {
            hold.Reached.TrySetResult();
            await hold.Released.Task;
        }

        await context.Invoke();
    }

    /// <summary>One held registration: <see cref="Reached"/> completes when it arrives, <see cref="Release"/> lets it through.</summary>
    public sealed class Hold
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => Released.TrySetResult();
    }
}
