using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Slurp.Domain.Audit;
using Slurp.Grains.Audit;
using Slurp.Grains.Storage;
using Slurp.Grains.Storage.Postgres;
using Slurp.Postgres.Tests.Contract;
using Slurp.Tests.Shared;

namespace Slurp.Postgres.Tests.Storage;

/// <summary>
/// <see cref="PostgresStateStore"/> on a real database: group commit, the row version as ETag, an audit entry and
/// the write it audits committed together or not at all, and one unbroken chain when several silos append.
/// </summary>
public sealed class PostgresStateStoreTests : IAsyncLifetime
{
    private readonly SchemaDatabaseFixture _fixture = new();
    private readonly List<PostgresStateStore> _stores = [];

    // Each store records on a meter of its own, so that a test hears that store only (CommitMeasurements).
    private readonly List<Meter> _meters = [];

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
            await store.DataSource.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        _meters.ForEach(m => m.Dispose());
        await _fixture.DisposeAsync();
    }

    [Fact]
    public async Task ConcurrentWritesShareCommitsAndEachCarriesItsAuditEntry()
    {
        var store = NewStore();
        using var seen = new CommitMeasurements(store.Metrics);
        const int Writers = 64;

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i =>
            store.WriteAsync("context/node", $"node/p/t/f{i}", [(byte)i], null, Draft($"/f{i}"), [])));

        Assert.All(results, r => Assert.Equal(1, r.Version));
        Assert.Equal(Enumerable.Range(1, Writers).Select(i => (long)i), results.Select(r => r.Entry!.Sequence).Order());
        for (var i = 0; i < Writers; i++)
        {
            var row = await store.ReadAsync("context/node", $"node/p/t/f{i}", CancellationToken.None);
            Assert.Equal(new byte[] { (byte)i }, row!.Value.Payload);
            // The entry committed with a row names that row's address.
            Assert.Equal($"/f{i}", results[i].Entry!.Address);
        }

        var chain = await new PostgresAuditSink(store).VerifyAsync(CancellationToken.None);
        Assert.True(chain.IsIntact, chain.Reason);
        Assert.Equal(Writers, chain.Checked);
        var transactions = await _fixture.Database.ScalarAsync<long>("SELECT count(DISTINCT xmin::text) FROM slurp_grain_state");
        Assert.True(transactions < Writers, $"{Writers} concurrent writes took {transactions} transactions: no group commit");
        // The metrics tell the same: one measurement per transaction, of the changes it carried.
        var commits = seen.Of(GroupCommitMetrics.ChangesInstrument);
        Assert.Equal(transactions, commits.Count);
        Assert.Equal(Writers, commits.Sum(c => c.Value));
        Assert.All(commits, c => Assert.Equal(("postgres", "committed"), (c.Provider, c.Outcome)));
        Assert.Equal(commits.Count, seen.Of(GroupCommitMetrics.DurationInstrument).Count(d => d.Value > 0));
    }

    [Fact]
    public async Task AStoreThatOwnsItsPoolClosesItWhenDisposed()
    {
        var owning = new PostgresStateStore(NpgsqlDataSource.Create(_fixture.Database.ConnectionString), 16, NullLogger<PostgresStateStore>.Instance, ownsDataSource: true);
        var written = owning.WriteAsync("s", "g", [1], null, Draft("/owned"), []);

        await owning.DisposeAsync();

        Assert.Equal(1, (await written).Version);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await owning.DataSource.OpenConnectionAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => owning.WriteAsync("s", "h", [1], null, null, []));
    }

    [Fact]
    public async Task TheRowVersionIsTheETag()
    {
        var store = NewStore();

        Assert.Equal(1, (await store.WriteAsync("s", "g", [1], null, null, [])).Version);
        Assert.Equal(2, (await store.WriteAsync("s", "g", [2], 1, null, [])).Version);
        Assert.Equal(-1, (await store.WriteAsync("s", "g", [3], 1, null, [])).Version);
        Assert.Equal(-1, (await store.WriteAsync("s", "g", [4], null, null, [])).Version);
        Assert.Equal(-1, await store.DeleteAsync("s", "g", 1));

        var row = (await store.ReadAsync("s", "g", CancellationToken.None))!.Value;
        Assert.Equal(new byte[] { 2 }, row.Payload);
        Assert.Equal(2, row.Version);
        Assert.Equal(0, await store.DeleteAsync("s", "g", 2));
        Assert.Null(await store.ReadAsync("s", "g", CancellationToken.None));
        Assert.Equal(0, await store.DeleteAsync("s", "g", null));
    }

    [Fact]
    public async Task PartsAreStoredWithTheirRowOnlyWhenTheRowIsWrittenAndGoWithIt()
    {
        var store = NewStore();
        await store.WriteAsync("s", "g", [0], null, null, [new(1, [11]), new(2, [12])]);
        await store.WriteAsync("s", "g", [0], 1, null, [new(3, [13]), new(2, [22])]);

        // A stale write changes neither the row nor any part.
        Assert.Equal(-1, (await store.WriteAsync("s", "g", [9], 1, null, [new(4, [99]), new(1, [99])])).Version);
        Assert.Equal(-1, (await store.WriteAsync("s", "g", [9], null, null, [new(5, [99])])).Version);

        var row = (await store.ReadAsync("s", "g", CancellationToken.None))!.Value;
        Assert.Equal(2, row.Version);
        Assert.Equal([1L, 2L, 3L], row.Parts.Select(p => p.Number));
        Assert.Equal([11, 22, 13], row.Parts.Select(p => (int)p.Payload[0]));

        Assert.Equal(-1, await store.DeleteAsync("s", "g", 1));
        Assert.Equal(3, await _fixture.Database.ScalarAsync<long>("SELECT count(*) FROM slurp_grain_state_part"));
        Assert.Equal(0, await store.DeleteAsync("s", "g", 2));
        Assert.Null(await store.ReadAsync("s", "g", CancellationToken.None));
        Assert.Equal(0, await _fixture.Database.ScalarAsync<long>("SELECT count(*) FROM slurp_grain_state_part"));
    }

    [Fact]
    public async Task AppendingAPartLeavesTheEarlierPartsUntouched()
    {
        var store = NewStore();
        await store.WriteAsync("s", "g", [0], null, null, [new(1, [1]), new(2, [2])]);
        var before = await PartTransactionsAsync();

        await store.WriteAsync("s", "g", [0], 1, null, [new(3, [3])]);

        var after = await PartTransactionsAsync();
        Assert.Equal(before, after[..2]);
        Assert.NotEqual(before[0], after[2]);
    }

    [Fact]
    public async Task AStaleWriteStillRecordsItsAuditEntryButChangesNothing()
    {
        var store = NewStore();
        await store.WriteAsync("s", "g", [1], null, null, []);

        var (version, entry) = await store.WriteAsync("s", "g", [9], 7, Draft("/stale"), []);

        Assert.Equal(-1, version);
        Assert.Equal("/stale", entry!.Address);
        Assert.Equal(new byte[] { 1 }, (await store.ReadAsync("s", "g", CancellationToken.None))!.Value.Payload);
    }

    [Fact]
    public async Task WhenTheAuditEntryCannotBeStoredTheWriteIsNotStoredEither()
    {
        var store = NewStore();
        await store.WriteAsync("s", "kept", [1], null, Draft("/kept"), []);
        using var seen = new CommitMeasurements(store.Metrics);
        await RefuseAuditInsertsAsync(true);

        await Assert.ThrowsAsync<PostgresException>(() => store.WriteAsync("s", "kept", [2], 1, Draft("/kept"), []));
        await Assert.ThrowsAsync<PostgresException>(() => store.WriteAsync("s", "new", [1], null, Draft("/new"), []));
        await Assert.ThrowsAsync<PostgresException>(() => store.AppendAuditAsync(Draft("/alone")));
        Assert.Equal([("failed", 1.0), ("failed", 1.0), ("failed", 1.0)], seen.Of(GroupCommitMetrics.ChangesInstrument).Select(c => (c.Outcome, c.Value)));

        var kept = (await store.ReadAsync("s", "kept", CancellationToken.None))!.Value;
        Assert.Equal(new byte[] { 1 }, kept.Payload);
        Assert.Equal(1, kept.Version);
        Assert.Null(await store.ReadAsync("s", "new", CancellationToken.None));

        // Once the log accepts entries again the chain goes on from where it was, unbroken.
        await RefuseAuditInsertsAsync(false);
        Assert.Equal(2, (await store.WriteAsync("s", "kept", [3], 1, Draft("/kept"), [])).Entry!.Sequence);
        Assert.True((await new PostgresAuditSink(store).VerifyAsync(CancellationToken.None)).IsIntact);
    }

    [Fact]
    public async Task SeveralSilosAppendingTogetherBuildOneUnbrokenChain()
    {
        // Each store stands for a silo: its own writer loop, its own pool, its own idea of the chain's head.
        var silos = Enumerable.Range(0, 3).Select(_ => NewStore()).ToList();
        var seen = silos.ConvertAll(s => new CommitMeasurements(s.Metrics));
        const int WritesEach = 120;

        await Task.WhenAll(silos.Select((store, s) => Task.Run(async () =>
        {
            // Bursts of 8 concurrent writes: batches of several entries that race the other silos' batches.
            for (var burst = 0; burst < WritesEach / 8; burst++)
            {
                await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
                    store.WriteAsync("s", $"silo{s}/{burst}/{i}", [(byte)s], null, Draft($"/silo{s}"), [])));
            }
        })));

        var chain = await new PostgresAuditSink(silos[0]).VerifyAsync(CancellationToken.None);
        Assert.True(chain.IsIntact, chain.Reason);
        Assert.Equal(3 * WritesEach, chain.Checked);
        Assert.Equal(3L * WritesEach, await _fixture.Database.ScalarAsync<long>("SELECT count(*) FROM slurp_grain_state"));
        var perSilo = await _fixture.Database.ScalarAsync<long>("SELECT count(DISTINCT address) FROM slurp_audit_log");
        Assert.Equal(3, perSilo);
        // The silos did race: some batches met a chain another silo had moved, and were appended under its lock.
        Assert.True(silos.Sum(s => s.ChainConflicts) > 0, "no silo ever found the chain moved: the conflict path went untested");
        // Each silo's metric counts its own conflicts.
        Assert.Equal(silos.Select(s => (double)s.ChainConflicts), seen.Select(m => m.Of(GroupCommitMetrics.ChainConflictsInstrument).Sum(c => c.Value)));
        seen.ForEach(m => m.Dispose());
    }

    [Fact]
    public async Task EveryAuditedBatchWaitsForTheAppendLockSoALockedAppenderIsNeverOvertaken()
    {
        var store = NewStore();
        Assert.Equal(1, (await store.WriteAsync("s", "warm", [1], null, Draft("/warm"), [])).Entry!.Sequence);

        // Another appender holds the append lock (sql/PostgreSQL-Slurp.sql): it has read the tail and is about to
        // extend it. An audited batch of this store, even on its optimistic path, must wait for it, not race it.
        await using var holder = await _fixture.Database.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var takeLock = new NpgsqlCommand("SELECT pg_advisory_xact_lock(6002266215400166724)", holder, transaction))
        {
            await takeLock.ExecuteNonQueryAsync();
        }

        var audited = store.WriteAsync("s", "audited", [2], null, Draft("/audited"), []);
        var plain = store.WriteAsync("s", "plain", [3], null, null, []);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(audited.IsCompleted, "an audited batch committed while another appender held the append lock");

        await transaction.CommitAsync();
        Assert.Equal(2, (await audited).Entry!.Sequence);
        Assert.Equal(1, (await plain).Version);
        Assert.True((await new PostgresAuditSink(store).VerifyAsync(CancellationToken.None)).IsIntact);
    }

    [Fact]
    public async Task ADraftTheChainRefusesFailsAloneAndLeavesOtherWritesAlone()
    {
        var store = NewStore();
        var bad = Draft("/bad") with { Action = "not-an-action" };

        var refused = store.WriteAsync("s", "bad", [1], null, bad, []);
        var fine = store.WriteAsync("s", "fine", [1], null, Draft("/fine"), []);

        await Assert.ThrowsAsync<ArgumentException>(() => refused);
        Assert.Equal(1, (await fine).Version);
        Assert.Null(await store.ReadAsync("s", "bad", CancellationToken.None));
    }

    private async Task<string[]> PartTransactionsAsync()
    {
        await using var connection = await _fixture.Database.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xmin::text FROM slurp_grain_state_part ORDER BY part", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var transactions = new List<string>();
        while (await reader.ReadAsync())
        {
            transactions.Add(reader.GetString(0));
        }

        return [.. transactions];
    }

    [Fact]
    public async Task EveryBatchCommitsOnTheWritersOneConnectionNotOnWhicheverThePoolHandsOut()
    {
        var store = NewStore("one-writer-connection");
        // Several connections open in the pool at once, as after a burst of activations reading their state.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            await using var connection = await store.DataSource.OpenConnectionAsync();
            await using var sleep = new NpgsqlCommand("SELECT pg_sleep(0.2)", connection);
            await sleep.ExecuteNonQueryAsync();
        }));

        for (var i = 0; i < 12; i++)
        {
            await store.WriteAsync("s", $"one-{i}", [1], null, Draft($"/one-{i}"), []);
        }

        // Each server process shows the last statement it ran: only one of them ever ran a write.
        var writers = await _fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'one-writer-connection' AND query LIKE '%slurp_grain_state%' AND query NOT LIKE 'SELECT%'");
        var connections = await _fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'one-writer-connection'");
        Assert.True(connections >= 2, $"the pool kept {connections} connection(s): the test set-up did not open several");
        Assert.Equal(1, writers);
    }

    [Fact]
    public async Task AfterTheServerEndsTheWritersConnectionTheStoreWritesOnANewOne()
    {
        var store = NewStore("writer-reconnects");
        Assert.Equal(1, (await store.WriteAsync("s", "before", [1], null, Draft("/before"), [])).Entry!.Sequence);

        await _fixture.Database.ScalarAsync<long>(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'writer-reconnects'");

        // The batch that meets the ended connection fails, unacknowledged; the ones after it commit again.
        var outcomes = new List<Exception?>();
        for (var i = 0; i < 3; i++)
        {
            outcomes.Add(await Record.ExceptionAsync(() => store.WriteAsync("s", $"after-{i}", [1], null, Draft($"/after-{i}"), [])));
        }

        Assert.True(outcomes.Count(e => e is not null) <= 1, string.Join("; ", outcomes.Select(e => e?.Message)));
        Assert.Null(outcomes[^1]);
        Assert.NotNull(await store.ReadAsync("s", "after-2", CancellationToken.None));
        var chain = await new PostgresAuditSink(store).VerifyAsync(CancellationToken.None);
        Assert.True(chain.IsIntact, chain.Reason);
    }

    private PostgresStateStore NewStore(string? applicationName = null)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(_fixture.Database.ConnectionString) { ApplicationName = applicationName }.ConnectionString;
        var meter = new Meter("Slurp.Storage.Tests");
        _meters.Add(meter);
        var store = new PostgresStateStore(
            NpgsqlDataSource.Create(connectionString), 256, NullLogger<PostgresStateStore>.Instance, metrics: new GroupCommitMetrics("postgres", meter));
        _stores.Add(store);
        return store;
    }

    private Task RefuseAuditInsertsAsync(bool refuse) => _fixture.Database.ExecuteAsync(refuse
        ? """
          CREATE OR REPLACE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN RAISE EXCEPTION 'audit refused (test)'; END $fn$;
          CREATE OR REPLACE TRIGGER test_refuse_audit BEFORE INSERT ON slurp_audit_log FOR EACH ROW EXECUTE FUNCTION test_refuse_audit();
          """
        : "DROP TRIGGER test_refuse_audit ON slurp_audit_log");

    private static AuditDraft Draft(string address) =>
        new(DateTimeOffset.UtcNow, "agent-1", "backend_developer", AuditAction.Write, address, AuditOutcomes.Allowed, "test");
}
