namespace Slurp.Grains.Tests;

/// <summary>Bounded waits for work that grains finish in the background (reminders, timers, re-wrap passes).</summary>
internal static class Poll
{
    /// <summary>The longest any test waits for background work.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Asks <paramref name="probe"/> until <paramref name="done"/> holds and returns that answer; fails the test
    /// with <paramref name="what"/> and the last answer when <see cref="Limit"/> passes first.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        using var limit = new CancellationTokenSource(Limit);
        while (true)
        {
            var answer = await probe();
            if (done(answer))
            {
                return answer;
            }

            if (limit.IsCancellationRequested)
            {
                Assert.Fail($"gave up waiting for {what} after {Limit.TotalSeconds} s; last answer: {answer}");
            }

            await Task.Delay(Interval, CancellationToken.None);
        }
    }
}
