using System.Diagnostics;
using Xunit.Abstractions;

namespace Slurp.Cluster.Tests.Infrastructure;

/// <summary>Writes "[elapsed] phase" lines to the test output, to see where a long test spends its time.</summary>
public sealed class PhaseClock(ITestOutputHelper output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Mark(string phase) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {phase}");
}
