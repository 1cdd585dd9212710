using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Security;

/// <summary>
/// An audit record edited in the database behind the API's back (the SQLite file's <c>audit_log</c>, or PostgreSQL's
/// <c>slurp_audit_log</c>) breaks the chain exactly there.
/// </summary>
[Collection(AuditTamperCollection.Name)]
public sealed class AuditTamperTests(AuditTamperFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    [Fact]
    public async Task EditingARecordInTheDatabaseIsReportedAsTheFirstBrokenSequence()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        await (await agent.Client.PutJsonAsync(Url.Context(_project.Address("/src/a.cs")), ContextWrites.Body("a"))).ReadJsonAsync(HttpStatusCode.Created);
        await (await agent.Client.GetAsync(Url.Context(_project.Address("/src/a.cs")))).ReadJsonAsync(HttpStatusCode.OK);
        await (await agent.Client.GetAsync(Url.Context(_project.Address("/src/a.cs", role: "admin")))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await agent.Client.GetAsync(Url.Context(_project.Address("/src/b.cs")))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var auditor = await factory.CreateAgentAsync("auditor");
        var before = await (await auditor.Client.GetAsync("/v1/audit/verify")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.True(before["is_intact"]!.GetValue<bool>(), before.ToJsonString());
        var target = (await factory.AuditEntriesAsync(("agent", agent.Id)))
            .Where(e => e!.Text("action") == "read").Min(e => e!["sequence"]!.GetValue<long>());

        await TamperAsync(target);
        var after = await (await auditor.Client.GetAsync("/v1/audit/verify")).ReadJsonAsync(HttpStatusCode.OK);
        var metrics = await (await auditor.Client.GetAsync("/v1/security/metrics")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.False(after["is_intact"]!.GetValue<bool>());
        Assert.Equal(target, after["first_broken_sequence"]!.GetValue<long>());
        Assert.False(metrics["audit_intact"]!.GetValue<bool>());
        Assert.Contains(metrics["score_deductions"]!.AsArray(), d => d!.GetValue<string>().StartsWith("-40", StringComparison.Ordinal));
    }

    private async Task TamperAsync(long sequence)
    {
        if (factory.Database is { } database)
        {
            await TamperInPostgresAsync(database, sequence);
            return;
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(factory.DataDir, "slurp.db"), Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE audit_log SET detail = 'x' WHERE seq = $seq";
        command.Parameters.AddWithValue("$seq", sequence);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>
    /// The table's trigger refuses UPDATE to every session, the API's included; someone holding the superuser (or the
    /// database files) can still bypass triggers, and that edit is what the hash chain exists to catch.
    /// </summary>
    private static async Task TamperInPostgresAsync(PostgresTestDatabase database, long sequence)
    {
        await using var connection = await database.OpenAsync();
        const string Update = "UPDATE slurp_audit_log SET detail = 'x' WHERE seq = $1";
        await using (var refused = new NpgsqlCommand(Update, connection))
        {
            refused.Parameters.AddWithValue(sequence);
            var error = await Assert.ThrowsAsync<PostgresException>(() => refused.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }

        await using var transaction = await connection.BeginTransactionAsync();
        await using (var bypass = new NpgsqlCommand("SET LOCAL session_replication_role = replica", connection, transaction))
        {
            await bypass.ExecuteNonQueryAsync();
        }

        await using (var update = new NpgsqlCommand(Update, connection, transaction))
        {
            update.Parameters.AddWithValue(sequence);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        await transaction.CommitAsync();
    }
}
