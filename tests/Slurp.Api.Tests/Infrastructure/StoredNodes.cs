using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Slurp.Grains.Context;

namespace Slurp.Api.Tests.Infrastructure;

/// <summary>
/// Reads a node's persisted state straight from the host's storage, beside the running host: the row of
/// <c>&lt;DataDir&gt;/slurp.db</c> on <c>sqlite</c>, of <c>slurp_grain_state</c> on <c>postgres</c>.
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
        // Both profiles keep a context node as one row (state name "context/node", the grain id ending in the
        // node key) whose payload the Orleans serializer wrote: slurp.db's grain_state, or slurp_grain_state.
        var key = $"node/{project.Name}/{project.Task}{path}";
        var payload = factory.Database is { } database ? await PostgresPayloadAsync(database, key) : await SqlitePayloadAsync(factory, key);
        return Assert.IsType<ContextNodeState>(factory.Services.GetRequiredService<Serializer>().Deserialize<ContextNodeState>(payload));
    }

    private static async Task<byte[]> SqlitePayloadAsync(SlurpApiFactory factory, string key)
    {
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
        return Assert.IsType<byte[]>(await command.ExecuteScalarAsync());
    }

    private static async Task<byte[]> PostgresPayloadAsync(PostgresTestDatabase database, string key)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT payload FROM slurp_grain_state WHERE state_name = 'context/node' AND grain_id LIKE '%' || $1", connection);
        command.Parameters.AddWithValue(key);
        return Assert.IsType<byte[]>(await command.ExecuteScalarAsync());
    }
}
