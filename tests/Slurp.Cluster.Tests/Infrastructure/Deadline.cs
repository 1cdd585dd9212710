using System.Diagnostics;

namespace Slurp.Cluster.Tests.Infrastructure;

/// <summary>Bounded polling: every wait in these tests ends, with a message that says what did not happen.</summary>
public static class Deadline
{
    /// <summary>Polls <paramref name="condition"/> every <paramref name="interval"/> until it holds; returns the time it took.</summary>
    public static async Task<TimeSpan> WaitUntilAsync(
        Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, TimeSpan interval, Func<string> whatFailed, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await condition(cancellationToken))
            {
                return clock.Elapsed;
            }

            if (clock.Elapsed >= timeout)
            {
                throw new TimeoutException($"not within {timeout.TotalSeconds:0.#} s: {whatFailed()}");
            }

            await Task.Delay(interval, cancellationToken);
        }
    }

    /// <inheritdoc cref="WaitUntilAsync(Func{CancellationToken, Task{bool}}, TimeSpan, TimeSpan, Func{string}, CancellationToken)"/>
    public static Task<TimeSpan> WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> whatFailed, CancellationToken cancellationToken) =>
        WaitUntilAsync(_ => Task.FromResult(condition()), timeout, TimeSpan.FromMilliseconds(50), whatFailed, cancellationToken);

    /// <summary>Awaits <paramref name="task"/> for at most <paramref name="timeout"/>.</summary>
    public static async Task<T> WithinAsync<T>(Task<T> task, TimeSpan timeout, string what)
    {
        await WithinAsync((Task)task, timeout, what);
        return await task;
    }

    /// <inheritdoc cref="WithinAsync{T}(Task{T}, TimeSpan, string)"/>
    public static async Task WithinAsync(Task task, TimeSpan timeout, string what)
    {
        using var timer = new CancellationTokenSource();
        var finished = await Task.WhenAny(task, Task.Delay(timeout, timer.Token));
        if (finished != task)
        {
            throw new TimeoutException($"{what} did not finish within {timeout.TotalSeconds:0.#} s");
        }

        await timer.CancelAsync();
        await task;
    }
}
