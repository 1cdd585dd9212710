using Npgsql;
using Slurp.Postgres.Tests.Infrastructure;
using Slurp.Storage.Postgres;

namespace Slurp.Postgres.Tests.Contract;

/// <summary>A fresh database with the schema applied, shared by a test class.</summary>
public sealed class SchemaDatabaseFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        await PostgresSchema.ApplyAsync(Database.ConnectionString, CancellationToken.None);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    /// <summary>The text stored under <paramref name="key"/> in OrleansQuery, as the providers read it.</summary>
    public async Task<string> QueryTextAsync(NpgsqlConnection connection, string key)
    {
        await using var command = new NpgsqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key", connection);
        command.Parameters.AddWithValue("key", key);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
