using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Slurp.Grains;
using Slurp.Grains.Context;

namespace Slurp.Api.Tests.Infrastructure;

/// <summary>
/// Reads a node's persisted state straight from the host's storage, beside the running host: the row of
/// <c>&lt;DataDir&gt;/slurp.db</c> on <c>sqlite</c>, of <c>orleans_grain_state</c> on <c>postgres</c>.
/// </summary>
public static class StoredNodes
{
    /// <summary>Every wrapped data key the stored row of node <c>(project, task, path)</c> holds.</summary>
    public static async Task<List<byte[]>> WrappedDataKeysAsync(this SlurpApiFactory factory, TestProject project, string path)
    {
        var state = await factory.StoredStateAsync(project, path);
        return [.. state.Versions.SelectMany(v => v.Layers).SelectMany(l => l.WrappedKeys).Select(k => k.Wrapped)];
    }

    /// <summary>The stored state of node <c>(project, task, path)</c>, deserialized as the host's own storage does.</summary>
    public static async Task<ContextNodeState> StoredStateAsync(this SlurpApiFactory factory, TestProject project, string path)
    {
        var key = $"node/{project.Name}/{project.Task}{path}";
        if (factory.Database is { } database)
        {
            return await PostgresStateAsync(factory, database, key);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(factory.DataDir, "slurp.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE state_name = 'context/node' AND grain_id LIKE '%' || $key";
        command.Parameters.AddWithValue("$key", key);
        var payload = Assert.IsType<byte[]>(await command.ExecuteScalarAsync());
        return Assert.IsType<ContextNodeState>(factory.Services.GetRequiredService<Serializer>().Deserialize<ContextNodeState>(payload));
    }

    /// <summary>
    /// The ADO.NET provider keys a row by the state name (<c>node</c>) and the grain's string key, and writes the
    /// payload with the storage's grain-state serializer (JSON unless configured otherwise); read it back with that one.
    /// </summary>
    private static async Task<ContextNodeState> PostgresStateAsync(SlurpApiFactory factory, PostgresTestDatabase database, string key)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT payload FROM orleans_grain_state WHERE grain_type = 'node' AND grain_id_ext = $1", connection);
        command.Parameters.AddWithValue(key);
        var payload = Assert.IsType<byte[]>(await command.ExecuteScalarAsync());
        var serializer = factory.Services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(StorageNames.Context).GrainStorageSerializer;
        return Assert.IsType<ContextNodeState>(serializer.Deserialize<ContextNodeState>(new BinaryData(payload)));
    }
}
