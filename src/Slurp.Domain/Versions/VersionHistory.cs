using System.Globalization;

namespace Slurp.Domain.Versions;

/// <summary>
/// Pure rules over a node's version history. <c>versions</c> is always the node's whole history in append
/// order, so version numbers ascend (they are node-wide unique across branches). A branch is git-like: its
/// lineage follows <see cref="IVersionEntry.ParentVersion"/> from its head down to the node's first version,
/// so a branch forked from version 2 shares versions 1 and 2 with <c>main</c>.
/// </summary>
public static class VersionHistory
{
    /// <summary>
    /// The lineage of the version <paramref name="headVersion"/>: that version, its parent, its parent's
    /// parent and so on down to the first version; newest first. Empty when the node has no versions.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The node has versions but none numbered <paramref name="headVersion"/>.</exception>
    /// <exception cref="InvalidOperationException">
    /// The history is corrupt: a parent is missing or is not older than its child (which could loop).
    /// </exception>
    public static IReadOnlyList<T> Lineage<T>(IReadOnlyList<T> versions, int headVersion)
        where T : IVersionEntry
    {
        ArgumentNullException.ThrowIfNull(versions);
        if (versions.Count == 0)
        {
            return [];
        }

        var index = IndexOf(versions, headVersion);
        if (index < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(headVersion), headVersion, $"Version {headVersion} is not in the node's history.");
        }

        var lineage = new List<T>();
        var current = versions[index];
        while (true)
        {
            lineage.Add(current);
            if (current.ParentVersion is not { } parentVersion)
            {
                return lineage;
            }

            // Parents are always appended before their children; this also guarantees termination.
            if (parentVersion >= current.Version)
            {
                throw new InvalidOperationException(
                    $"Version {current.Version} names parent {parentVersion}, which is not older than it.");
            }

            var parentIndex = IndexOf(versions, parentVersion);
            if (parentIndex < 0)
            {
                throw new InvalidOperationException(
                    $"Version {current.Version} names parent {parentVersion}, which is not in the node's history.");
            }

            current = versions[parentIndex];
        }
    }

    /// <summary>
    /// Resolves a temporal query against a branch: <see cref="TemporalQueryKind.Latest"/> is
    /// <c>lineage[0]</c>; <see cref="TemporalQueryKind.First"/> the lineage's oldest version;
    /// <see cref="TemporalQueryKind.Exact"/> version N anywhere in the node (any branch);
    /// <see cref="TemporalQueryKind.Back"/> <c>lineage[N]</c>; <see cref="TemporalQueryKind.Forward"/> the N-th
    /// version counted from the oldest (0 is the oldest); <see cref="TemporalQueryKind.AsOf"/> the newest
    /// version of the lineage written at or before the instant. A query outside the history is not found, with
    /// a detail fit for the API's 404; an empty lineage is "the node has no versions".
    /// </summary>
    /// <param name="versions">The node's whole history, in append order.</param>
    /// <param name="lineage">The branch's lineage, newest first, from <see cref="Lineage{T}"/>.</param>
    /// <param name="query">What to select.</param>
    public static VersionSelection<T> Select<T>(IReadOnlyList<T> versions, IReadOnlyList<T> lineage, TemporalQuery query)
        where T : IVersionEntry
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(lineage);
        ArgumentNullException.ThrowIfNull(query);
        if (lineage.Count == 0)
        {
            return VersionSelection<T>.NotFound("the node has no versions");
        }

        return query.Kind switch
        {
            TemporalQueryKind.Latest => VersionSelection<T>.Of(lineage[0]),
            TemporalQueryKind.First => VersionSelection<T>.Of(lineage[^1]),
            TemporalQueryKind.Exact => SelectExact(versions, query.N),
            TemporalQueryKind.Back => query.N < lineage.Count
                ? VersionSelection<T>.Of(lineage[query.N])
                : VersionSelection<T>.NotFound(
                    $"{query} goes back past the first version (the branch has {Count(lineage.Count)})"),
            TemporalQueryKind.Forward => query.N < lineage.Count
                ? VersionSelection<T>.Of(lineage[lineage.Count - 1 - query.N])
                : VersionSelection<T>.NotFound(
                    $"{query} goes forward past the latest version (the branch has {Count(lineage.Count)})"),
            TemporalQueryKind.AsOf => SelectAsOf(lineage, query.Instant.GetValueOrDefault()),
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.Kind, "Not a defined temporal query kind."),
        };
    }

    /// <summary>The number the next appended version gets: one more than the last, or 1 for an empty node.</summary>
    public static int NextVersion<T>(IReadOnlyList<T> versions)
        where T : IVersionEntry
    {
        ArgumentNullException.ThrowIfNull(versions);
        return versions.Count == 0 ? 1 : checked(versions[^1].Version + 1);
    }

    private static VersionSelection<T> SelectExact<T>(IReadOnlyList<T> versions, int version)
        where T : IVersionEntry
    {
        var index = IndexOf(versions, version);
        if (index >= 0)
        {
            return VersionSelection<T>.Of(versions[index]);
        }

        var latest = versions.Count == 0 ? "the node has no versions" : $"the latest is {versions[^1].Version}";
        return VersionSelection<T>.NotFound($"version {version} does not exist; {latest}");
    }

    // Scanning from the head keeps to the definition (the newest version written at or before the instant)
    // even if silo clocks were not monotonic between writes.
    private static VersionSelection<T> SelectAsOf<T>(IReadOnlyList<T> lineage, DateTimeOffset instant)
        where T : IVersionEntry
    {
        foreach (var entry in lineage)
        {
            if (entry.CreatedAt <= instant)
            {
                return VersionSelection<T>.Of(entry);
            }
        }

        return VersionSelection<T>.NotFound(
            $"no version existed at {TemporalQuery.FormatInstant(instant)}; " +
            $"the first was written at {TemporalQuery.FormatInstant(lineage[^1].CreatedAt)}");
    }

    // Binary search: versions are in append order, so their numbers ascend.
    private static int IndexOf<T>(IReadOnlyList<T> versions, int version)
        where T : IVersionEntry
    {
        var low = 0;
        var high = versions.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var found = versions[middle].Version;
            if (found == version)
            {
                return middle;
            }

            if (found < version)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    private static string Count(int versions) =>
        versions == 1 ? "1 version" : versions.ToString(CultureInfo.InvariantCulture) + " versions";
}
