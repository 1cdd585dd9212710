using System.Globalization;
using Orleans.Serialization;
using Orleans.Storage;
using Slurp.Domain.Audit;
using Slurp.Grains.Audit;

namespace Slurp.Grains.Storage;

/// <summary>
/// Orleans grain storage over a group-commit <see cref="IGrainStateStore"/> (SQLite embedded, PostgreSQL in the
/// cluster profile). State is serialized with the Orleans
/// serializer (version tolerant through [Id]s); the row version is the ETag, so a stale activation's
/// write fails with <see cref="InconsistentStateException"/> instead of overwriting newer state. An entry on
/// the flow's <see cref="AuditCarrier"/> is committed in the same transaction as the write.
/// </summary>
internal sealed class StateStoreGrainStorage(string name, IGrainStateStore store, Serializer serializer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var row = await store.ReadAsync(Key(stateName), grainId.ToString(), CancellationToken.None);
        if (row is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = NodeStateRows.Deserialize<T>(row.Value, serializer);
        grainState.ETag = row.Value.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (payload, parts) = NodeStateRows.Serialize(grainState.State, serializer);
        var expected = ParseETag(grainState.ETag);
        var carrier = AuditCarrier.Pending;
        long version;
        AuditEntry? entry;
        try
        {
            (version, entry) = await store.WriteAsync(Key(stateName), grainId.ToString(), payload, expected, carrier?.Draft, parts);
        }
        catch (Exception ex) when (carrier is not null)
        {
            // Neither the change nor its audit entry is stored: the caller must refuse the request (fail-closed).
            throw new AuditedWriteFailedException(ex);
        }

        if (entry is not null)
        {
            carrier!.MarkRecorded(entry);
        }

        if (version < 0)
        {
            throw new InconsistentStateException(
                $"Storage '{name}' holds a newer version of {grainId} than this activation read", "unknown", grainState.ETag ?? "none");
        }

        NodeStateRows.MarkWritten(grainState.State, parts);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var result = await store.DeleteAsync(Key(stateName), grainId.ToString(), ParseETag(grainState.ETag));
        if (result < 0)
        {
            throw new InconsistentStateException(
                $"Storage '{name}' holds a newer version of {grainId} than this activation read", "unknown", grainState.ETag ?? "none");
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private string Key(string stateName) => name + "/" + stateName;

    private static long? ParseETag(string? etag) =>
        etag is null ? null : long.Parse(etag, NumberStyles.None, CultureInfo.InvariantCulture);
}
