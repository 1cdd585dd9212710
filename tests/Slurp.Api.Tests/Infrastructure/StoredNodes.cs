using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Slurp.Abstractions.Context;
using Slurp.Grains.Context;

namespace Slurp.Api.Tests.Infrastructure;

/// <summary>
/// Reads a node's persisted state straight from the host's storage, beside the running host: the row of
/// <c>&lt;DataDir&gt;/slurp.db</c> on <c>sqlite</c>, of <c>slurp_grain_state</c> on <c>postgres</c>, with its version rows.
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
        // node key) without its versions, and each version in a part row: slurp.db's grain_state and
        // grain_state_part, or slurp_grain_state and slurp_grain_state_part. The Orleans serializer wrote both.
        var key = $"node/{project.Name}/{project.Task}{path}";
        var (payload, parts) = factory.Database is { } database ? await PostgresRowsAsync(database, key) : await SqliteRowsAsync(factory, key);
        var serializer = factory.Services.GetRequiredService<Serializer>();
        var state = Assert.IsType<ContextNodeState>(serializer.Deserialize<ContextNodeState>(payload));
        state.Versions = [.. state.Versions, .. parts.Select(p => serializer.Deserialize<StoredVersion>(p)!)];
        return state;
    }

    private static async Task<(byte[] Payload, List<byte[]> Parts)> SqliteRowsAsync(SlurpApiFactory factory, string key)
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
        command.CommandText = """
            SELECT payload FROM grain_state WHERE state_name = 'context/node' AND grain_id LIKE '%' || $key;
            SELECT payload FROM grain_state_part WHERE state_name = 'context/node' AND grain_id LIKE '%' || $key ORDER BY part;
            """;
        command.Parameters.AddWithValue("$key", key);
        return await ReadRowsAsync(await command.ExecuteReaderAsync());
    }

    private static async Task<(byte[] Payload, List<byte[]> Parts)> PostgresRowsAsync(PostgresTestDatabase database, string key)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT payload FROM slurp_grain_state WHERE state_name = 'context/node' AND grain_id LIKE '%' || @key;
            SELECT payload FROM slurp_grain_state_part WHERE state_name = 'context/node' AND grain_id LIKE '%' || @key ORDER BY part;
            """,
            connection);
        command.Parameters.AddWithValue("key", key);
        return await ReadRowsAsync(await command.ExecuteReaderAsync());
    }

    private static async Task<(byte[] Payload, List<byte[]> Parts)> ReadRowsAsync(System.Data.Common.DbDataReader reader)
    {
        await using (reader)
        {
            Assert.True(await reader.ReadAsync(), "the node has no stored row");
            var payload = Assert.IsType<byte[]>(reader.GetValue(0));
            await reader.NextResultAsync();
            var parts = new List<byte[]>();
            while (await reader.ReadAsync())
            {
                parts.Add(Assert.IsType<byte[]>(reader.GetValue(0)));
            }

            return (payload, parts);
        }
    }
}
