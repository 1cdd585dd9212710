using Orleans.Serialization;
using Slurp.Abstractions.Context;
using Slurp.Grains.Context;

namespace Slurp.Grains.Storage;

/// <summary>
/// How a context node's state becomes rows: the state without its versions in the grain's row, and each
/// version in a part row of its own. A write stores only the versions that are new or were replaced (re-wrap,
/// shred, format migration) since the last read or write — found by one reference comparison per version against
/// what storage last saw at each position — so appending a version serializes and sends the same whatever the
/// node's history; the part rows commit in the same transaction as the grain's row, and only if its ETag
/// matched. Any other state type is one row, as before.
/// </summary>
internal static class NodeStateRows
{
    /// <summary>The grain row's payload and the parts to write with it.</summary>
    public static (byte[] Payload, IReadOnlyList<StoredPart> Parts) Serialize<T>(T state, Serializer serializer)
    {
        if (state is not ContextNodeState node)
        {
            return (serializer.SerializeToArray(state), []);
        }

        var parts = new List<StoredPart>();
        var persisted = node.PersistedVersions;
        for (var i = 0; i < node.Versions.Count; i++)
        {
            var version = node.Versions[i];
            if (persisted is null || i >= persisted.Count || !ReferenceEquals(persisted[i], version))
            {
                parts.Add(new StoredPart(version.Version, serializer.SerializeToArray(version)));
            }
        }

        // The grain's turn is single-threaded: nothing else sees the list while it is swapped out.
        var versions = node.Versions;
        node.Versions = [];
        try
        {
            return (serializer.SerializeToArray(node), parts);
        }
        finally
        {
            node.Versions = versions;
        }
    }

    /// <summary>After a successful write of <paramref name="parts"/>: the versions in them are the ones stored.</summary>
    public static void MarkWritten<T>(T state, IReadOnlyList<StoredPart> parts)
    {
        if (state is not ContextNodeState node)
        {
            return;
        }

        // Only the written versions' positions change: a write costs the same whatever the length of the history.
        var persisted = node.PersistedVersions ??= [];
        if (persisted.Count > node.Versions.Count)
        {
            persisted.RemoveRange(node.Versions.Count, persisted.Count - node.Versions.Count);
        }

        while (persisted.Count < node.Versions.Count)
        {
            persisted.Add(null);
        }

        foreach (var part in parts)
        {
            if (node.IndexOf(checked((int)part.Number)) is var index and >= 0)
            {
                persisted[index] = node.Versions[index];
            }
        }
    }

    /// <summary>The state from its rows. A row written before versions had rows of their own carries them inline.</summary>
    public static T Deserialize<T>(StoredRow row, Serializer serializer)
    {
        var state = serializer.Deserialize<T>(row.Payload)!;
        if (state is ContextNodeState node)
        {
            var versions = new SortedDictionary<int, StoredVersion>();
            foreach (var inline in node.Versions)
            {
                versions[inline.Version] = inline;
            }

            var stored = new HashSet<StoredVersion>(ReferenceEqualityComparer.Instance);
            foreach (var part in row.Parts)
            {
                var version = serializer.Deserialize<StoredVersion>(part.Payload)
                    ?? throw new InvalidDataException($"part {part.Number} of a context node holds no version");
                versions[version.Version] = version;
                stored.Add(version);
            }

            node.Versions = [.. versions.Values];
            // A version read inline from an older row has no part yet: its position stays unknown (null).
            node.PersistedVersions = node.Versions.ConvertAll(v => stored.Contains(v) ? v : null);
        }

        return state;
    }
}
