using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Slurp.Grains.Storage;

/// <summary>
/// What a group-commit store reports of its commits (meter <c>Slurp.Storage</c>, exported on <c>/metrics</c>): the
/// changes each commit carried, how long its transaction took, and on PostgreSQL how often another silo's append to
/// the audit chain sent a batch round again. Changes per commit is what group commit buys — at one, every write paid
/// its own flush — so an operator can tell a store that is slow per commit from one whose writers never share one.
/// <para>
/// Stores share one meter that lives as long as the process, like <c>Slurp.Cascade</c>'s. With a meter per store
/// (disposed with it), a host's <c>/metrics</c> lost its own store's commits once other stores in the same process had
/// come and gone (seen in the API tests, whose hosts share one process). A test that must tell one store's commits
/// from another's gives that store a meter of its own.
/// </para>
/// </summary>
public sealed class GroupCommitMetrics
{
    /// <summary>The meter's name (under <c>Slurp.*</c>, which <c>/metrics</c> exports).</summary>
    public const string MeterName = "Slurp.Storage";

    /// <summary>Histogram of the changes one commit carried.</summary>
    public const string ChangesInstrument = "slurp.storage.commit.changes";

    /// <summary>Histogram of a commit's time, in seconds.</summary>
    public const string DurationInstrument = "slurp.storage.commit.duration";

    /// <summary>Counter of batches redone because another silo had moved the audit chain (PostgreSQL).</summary>
    public const string ChainConflictsInstrument = "slurp.storage.audit.chain_conflicts";

    /// <summary>The tag naming the store: <c>sqlite</c> or <c>postgres</c>.</summary>
    public const string ProviderTag = "slurp.storage.provider";

    /// <summary>The tag telling a commit from a batch that failed: <c>committed</c> or <c>failed</c>.</summary>
    public const string OutcomeTag = "outcome";

    private static readonly Meter SharedMeter = new(MeterName);

    // Up to the default Slurp:Storage:MaxBatchSize (256).
    private static readonly int[] ChangeBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256];

    // From a fast local flush (≈ 0.1 ms) to a stalled disk or database (seconds).
    private static readonly double[] DurationBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private readonly Histogram<int> _changes;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _chainConflicts;
    private readonly KeyValuePair<string, object?> _provider;

    /// <summary>Records on the process's <see cref="MeterName"/> meter (what <c>/metrics</c> exports).</summary>
    /// <param name="provider">The store's name in the <see cref="ProviderTag"/> tag.</param>
    public GroupCommitMetrics(string provider)
        : this(provider, SharedMeter)
    {
    }

    /// <summary>Records on <paramref name="meter"/>, which the caller owns (and disposes).</summary>
    /// <param name="provider">The store's name in the <see cref="ProviderTag"/> tag.</param>
    /// <param name="meter">Where the instruments are created; a meter creates each of them once, so stores sharing it share them.</param>
    public GroupCommitMetrics(string provider, Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _provider = new(ProviderTag, provider);
        Meter = meter;
        _changes = Meter.CreateHistogram(ChangesInstrument, "{change}",
            "Changes (grain-state writes, each with its audit entry if any, and lone audit entries) one commit carried",
            tags: null, advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = ChangeBuckets });
        _duration = Meter.CreateHistogram(DurationInstrument, "s",
            "Time of one commit as the store's writer sees it, from taking its batch until the database has reported it durable",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _chainConflicts = Meter.CreateCounter<long>(ChainConflictsInstrument, "{batch}",
            "Batches refused because another silo had extended the audit chain first (then appended under the lock)");
    }

    /// <summary>The meter the instruments belong to.</summary>
    public Meter Meter { get; }

    /// <summary>Records one commit of <paramref name="changes"/> changes begun at <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void Committed(int changes, long startedAt) => Record(changes, startedAt, "committed");

    /// <summary>Records a batch that failed as a whole: none of its changes was acknowledged.</summary>
    public void Failed(int changes, long startedAt) => Record(changes, startedAt, "failed");

    /// <summary>Counts a batch that met an audit chain another silo had moved.</summary>
    public void ChainConflict() => _chainConflicts.Add(1, _provider);

    private void Record(int changes, long startedAt, string outcome)
    {
        var outcomeTag = new KeyValuePair<string, object?>(OutcomeTag, outcome);
        _changes.Record(changes, _provider, outcomeTag);
        _duration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, _provider, outcomeTag);
    }
}
