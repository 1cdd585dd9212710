namespace Slurp.Domain.Context;

/// <summary>
/// The technologies or tags accumulated down a cascade chain: an ordered set (first-seen order) where each
/// value remembers the chain index of the nearest node that stated it, and where <c>!value</c> removes.
/// </summary>
internal sealed class CascadeValueSet
{
    /// <summary>The prefix that turns a technology or tag into the removal of an inherited value.</summary>
    public const char RemovalPrefix = '!';

    private readonly Dictionary<string, (long Order, int Source)> _entries = new(StringComparer.Ordinal);
    private long _nextOrder;

    /// <summary>True when <paramref name="item"/> is a <c>!value</c> removal rather than a value.</summary>
    public static bool IsRemoval(string item) => item.StartsWith(RemovalPrefix);

    /// <summary>The value a <c>!value</c> removal names.</summary>
    public static string RemovedValue(string removal) => removal[1..];

    /// <summary>
    /// Applies one layer's list. Its removals act on what came before the layer (so <c>!x</c> with nothing
    /// to remove is a no-op); its values are then added, so a layer holding both <c>x</c> and <c>!x</c> ends
    /// with <c>x</c>. A value already present keeps its position and takes the nearer source.
    /// </summary>
    public void Apply(IReadOnlyList<string> items, int source)
    {
        foreach (var item in items)
        {
            if (IsRemoval(item))
            {
                _entries.Remove(RemovedValue(item));
            }
        }

        foreach (var item in items)
        {
            if (IsRemoval(item))
            {
                continue;
            }

            _entries[item] = _entries.TryGetValue(item, out var entry)
                ? (entry.Order, source)
                : (_nextOrder++, source);
        }
    }

    /// <summary>The values in first-seen order, each with the chain index of its source.</summary>
    public List<(string Value, int Source)> InOrder() =>
        [.. _entries.OrderBy(pair => pair.Value.Order).Select(pair => (pair.Key, pair.Value.Source))];
}
