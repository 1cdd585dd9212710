using System.Data.Common;

namespace Slurp.Grains.Storage;

/// <summary>
/// A grain state row as the store holds it: an opaque payload, its version (the ETag), and the state's parts
/// kept in rows of their own (a context node's versions; none for other states), ordered by number.
/// </summary>
public readonly record struct StoredRow(byte[] Payload, long Version, IReadOnlyList<StoredPart> Parts)
{
    /// <summary>
    /// Reads a row from two result sets, as both stores query them: <c>payload, version</c> of the grain's row
    /// (none: null), then <c>part, payload</c> of its parts in order.
    /// </summary>
    internal static async Task<StoredRow?> ReadAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var (payload, version) = ((byte[])reader.GetValue(0), reader.GetInt64(1));
        await reader.NextResultAsync(cancellationToken);
        var parts = new List<StoredPart>();
        while (await reader.ReadAsync(cancellationToken))
        {
            parts.Add(new StoredPart(reader.GetInt64(0), (byte[])reader.GetValue(1)));
        }

        return new StoredRow(payload, version, parts);
    }
}

/// <summary>One separately stored part of a grain's state (a context node's version), by its number.</summary>
public readonly record struct StoredPart(long Number, byte[] Payload);
