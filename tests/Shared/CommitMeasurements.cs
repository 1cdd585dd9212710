using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Slurp.Grains.Storage;

namespace Slurp.Tests.Shared;

/// <summary>
/// What was recorded on the meter of one store's <see cref="GroupCommitMetrics"/> while this listener ran. Give the
/// store a meter of its own, or the stores of tests running alongside mix in. Linked into the test projects that need it.
/// </summary>
internal sealed class CommitMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Seen> _seen = new();

    public CommitMeasurements(GroupCommitMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The values recorded on <paramref name="instrument"/>, in order, with their tags.</summary>
    public IReadOnlyList<Seen> Of(string instrument) => [.. _seen.Where(s => s.Instrument == instrument)];

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copied = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copied[tag.Key] = tag.Value?.ToString();
        }

        _seen.Enqueue(new Seen(instrument.Name, value, copied));
    }

    /// <summary>One recorded value.</summary>
    internal sealed record Seen(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags)
    {
        public string? Provider => Tags.GetValueOrDefault(GroupCommitMetrics.ProviderTag);

        public string? Outcome => Tags.GetValueOrDefault(GroupCommitMetrics.OutcomeTag);
    }
}
