using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Slurp.Grains.Context;

namespace Slurp.Api.Tests.Infrastructure;

/// <summary>Reads a node's persisted state straight from <c>&lt;DataDir&gt;/slurp.db</c>, beside the running host.</summary>
public static class StoredNodes
{
    /// <summary>Every wrapped data key the stored row of node <c>(project, task, path)</c> holds.</summary>
    public static async Task<List<byte[]>> WrappedDataKeysAsync(this SlurpApiFactory factory, TestProject project, string path)
    {
        var state = await factory.StoredStateAsync(project, path);
        return [.. state.Versions.SelectMany(v => v.Layers).SelectMany(l => l.WrappedKeys).Select(k => k.Wrapped)];
    }

    /// <summary>The stored state of node <c>(project, task, path)</c>, deserialized with the host's own Orleans serializer.</summary>
    public static async Task<ContextNodeState> StoredStateAsync(this SlurpApiFactory factory, TestProject project, string path)
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
        command.Parameters.AddWithValue("$key", $"node/{project.Name}/{project.Task}{path}");
        var payload = Assert.IsType<byte[]>(await command.ExecuteScalarAsync());
        return Assert.IsType<ContextNodeState>(factory.Services.GetRequiredService<Serializer>().Deserialize<ContextNodeState>(payload));
    }
}
