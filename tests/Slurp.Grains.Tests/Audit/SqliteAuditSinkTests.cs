using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Slurp.Domain.Audit;
using Slurp.Grains.Audit;
using Slurp.Grains.Storage;
using Slurp.Grains.Tests.Storage;

namespace Slurp.Grains.Tests.Audit;

/// <summary><see cref="SqliteAuditSink"/> over a store on a temp file.</summary>
public sealed class SqliteAuditSinkTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDatabase _database = new();
    private SqliteStateStore _store = null!;
    private SqliteAuditSink _sink = null!;

    public Task InitializeAsync()
    {
        Open();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task EachAppendIsChainedToTheEntryBeforeIt()
    {
        var entries = await AppendAsync(Draft("alice"), Draft("bob"), Draft("carol"));

        Assert.Equal([1L, 2L, 3L], entries.Select(e => e.Sequence));
        Assert.Equal(AuditChain.GenesisHash, entries[0].PreviousHash);
        Assert.Equal(entries[0].Hash, entries[1].PreviousHash);
        Assert.Equal(entries[1].Hash, entries[2].PreviousHash);
    }

    [Fact]
    public async Task AnUntouchedLogVerifiesIntact()
    {
        var entries = await AppendAsync(Draft("alice"), Draft("bob"), Draft("carol"));

        var verification = await _sink.VerifyAsync(CancellationToken.None);

        Assert.True(verification.IsIntact);
        Assert.Equal(3, verification.Checked);
        Assert.Equal(entries[^1].Hash, verification.HeadHash);
    }

    [Fact]
    public async Task ConcurrentAppendsFormOneUnbrokenChain()
    {
        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => _sink.AppendAsync(Draft($"agent{i}"), CancellationToken.None)));

        var verification = await _sink.VerifyAsync(CancellationToken.None);

        Assert.True(verification.IsIntact);
        Assert.Equal(64, verification.Checked);
    }

    [Fact]
    public async Task ARawUpdateOfAStoredRowIsDetectedAtThatSequence()
    {
        await AppendAsync(Draft("alice"), Draft("bob"), Draft("carol"), Draft("dave"));

        await ExecuteRawAsync("UPDATE audit_log SET outcome = 'allowed', detail = 'nothing to see' WHERE seq = 3");
        var verification = await _sink.VerifyAsync(CancellationToken.None);

        Assert.False(verification.IsIntact);
        Assert.Equal(3, verification.FirstBrokenSequence);
        Assert.Equal("entry 3's hash does not match its contents", verification.Reason);
    }

    [Fact]
    public async Task ARawDeleteOfAStoredRowIsDetectedWhereItWas()
    {
        await AppendAsync(Draft("alice"), Draft("bob"), Draft("carol"));

        await ExecuteRawAsync("DELETE FROM audit_log WHERE seq = 2");
        var verification = await _sink.VerifyAsync(CancellationToken.None);

        Assert.False(verification.IsIntact);
        Assert.Equal(2, verification.FirstBrokenSequence);
    }

    [Fact]
    public async Task EntriesSurviveReopeningTheStore()
    {
        var written = await AppendAsync(Draft("alice"), Draft("bob"), Draft("carol"));

        await ReopenAsync();
        var read = await _sink.QueryAsync(new AuditQuery(), CancellationToken.None);

        Assert.Equal(written.Reverse(), read);
    }

    [Fact]
    public async Task AppendsAfterReopeningContinueTheChain()
    {
        var before = await AppendAsync(Draft("alice"), Draft("bob"));
        await ReopenAsync();

        var after = await _sink.AppendAsync(Draft("carol"), CancellationToken.None);

        Assert.Equal(3, after.Sequence);
        Assert.Equal(before[^1].Hash, after.PreviousHash);
        Assert.True((await _sink.VerifyAsync(CancellationToken.None)).IsIntact);
    }

    [Fact]
    public async Task QueryByAgentReturnsOnlyThatAgentsEntriesNewestFirst()
    {
        await AppendAsync(Draft("alice"), Draft("bob"), Draft("alice"), Draft("carol"));

        var entries = await _sink.QueryAsync(new AuditQuery { Agent = "alice" }, CancellationToken.None);

        Assert.Equal([3L, 1L], entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task QueryByOutcomeReturnsOnlyEntriesWithThatOutcome()
    {
        await AppendAsync(
            Draft("alice"),
            Draft("bob", outcome: AuditOutcomes.Denied),
            Draft("carol", outcome: AuditOutcomes.Failed),
            Draft("dave", outcome: AuditOutcomes.Denied));

        var entries = await _sink.QueryAsync(new AuditQuery { Outcome = AuditOutcomes.Denied }, CancellationToken.None);

        Assert.Equal(["dave", "bob"], entries.Select(e => e.Agent));
    }

    [Fact]
    public async Task QueryByTimeReturnsOnlyEntriesInsideTheWindowBoundsIncluded()
    {
        await AppendAsync(
            Draft("early", at: T0),
            Draft("start", at: T0.AddHours(1)),
            Draft("middle", at: T0.AddHours(2)),
            Draft("end", at: T0.AddHours(3)),
            Draft("late", at: T0.AddHours(4)));

        var entries = await _sink.QueryAsync(new AuditQuery { From = T0.AddHours(1), To = T0.AddHours(3) }, CancellationToken.None);

        Assert.Equal(["end", "middle", "start"], entries.Select(e => e.Agent));
    }

    [Fact]
    public async Task QueryFiltersCombineAndRespectTheLimit()
    {
        await AppendAsync(
            Draft("alice", outcome: AuditOutcomes.Denied, at: T0),
            Draft("alice", outcome: AuditOutcomes.Denied, at: T0.AddHours(1)),
            Draft("alice", outcome: AuditOutcomes.Allowed, at: T0.AddHours(2)),
            Draft("alice", outcome: AuditOutcomes.Denied, at: T0.AddHours(3)),
            Draft("bob", outcome: AuditOutcomes.Denied, at: T0.AddHours(4)));

        var entries = await _sink.QueryAsync(
            new AuditQuery { Agent = "alice", Outcome = AuditOutcomes.Denied, From = T0.AddMinutes(30), Limit = 1 }, CancellationToken.None);

        Assert.Equal([4L], entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task ADraftWithAnUnknownActionIsRefusedAndAppendsNothing()
    {
        await AppendAsync(Draft("alice"));

        var error = await Record.ExceptionAsync(() => _sink.AppendAsync(Draft("bob") with { Action = "teleport" }, CancellationToken.None));

        Assert.IsType<ArgumentException>(error);
        Assert.Equal(["alice"], (await _sink.QueryAsync(new AuditQuery(), CancellationToken.None)).Select(e => e.Agent));
    }

    [Fact]
    public async Task AnInvalidDraftDoesNotFailTheWritesQueuedWithIt()
    {
        var blocker = new BlockingOperation();
        _store.Enqueue(blocker);
        await blocker.Entered.Task.WaitAsync(Poll.Limit);

        // All of these are queued while the writer is held, so they would share one batch.
        var before = _sink.AppendAsync(Draft("alice"), CancellationToken.None);
        var state = _store.WriteAsync("context/node", "g1", [1, 2, 3], expectedVersion: null);
        var invalid = Record.ExceptionAsync(() => _sink.AppendAsync(Draft("bob", outcome: "maybe"), CancellationToken.None));
        var after = _sink.AppendAsync(Draft("carol"), CancellationToken.None);
        blocker.Release();

        Assert.IsType<ArgumentException>(await invalid);
        Assert.Equal(1, await state);
        var sequences = new[] { (await before).Sequence, (await after).Sequence };
        Assert.Equal([1L, 2L], sequences);
    }

    private static AuditDraft Draft(string agent, string outcome = AuditOutcomes.Allowed, DateTimeOffset? at = null) =>
        new(at ?? T0, agent, "backend", AuditAction.Write, "ucxl://" + agent + ":backend@p:t/src/x", outcome, "version 1");

    private async Task<AuditEntry[]> AppendAsync(params AuditDraft[] drafts)
    {
        var entries = new List<AuditEntry>();
        foreach (var draft in drafts)
        {
            entries.Add(await _sink.AppendAsync(draft, CancellationToken.None));
        }

        return [.. entries];
    }

    // Plays the part of someone editing the file behind the store's back.
    private async Task ExecuteRawAsync(string sql)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = _database.DatabasePath, Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private async Task ReopenAsync()
    {
        await _store.DisposeAsync();
        Open();
    }

    private void Open()
    {
        _store = new SqliteStateStore(
            Options.Create(new SqliteStorageOptions { DatabasePath = _database.DatabasePath }), NullLogger<SqliteStateStore>.Instance);
        _sink = new SqliteAuditSink(_store);
    }
}
