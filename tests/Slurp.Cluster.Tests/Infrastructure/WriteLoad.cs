using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace Slurp.Cluster.Tests.Infrastructure;

/// <summary>One PUT and how it ended: an answer (status, version) or a transport error.</summary>
public sealed record WriteOutcome(
    string FrontDoor, int Writer, int Operation, string Path, string Summary,
    HttpStatusCode? Status, int? Version, string? TraceId, DateTimeOffset SentAt, DateTimeOffset AnsweredAt, string? Error)
{
    /// <summary>The front door answered 200/201 with the version it wrote (or found identical, after a retry).</summary>
    public bool Acknowledged => Status is HttpStatusCode.OK or HttpStatusCode.Created && Version is not null;

    public override string ToString() =>
        $"{FrontDoor} w{Writer} op{Operation} {Path} → {(Status is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer")} v{Version} {Error}";
}

/// <summary>The result of reading everything back through one front door: the mismatches, how many reads, the slowest.</summary>
public sealed record ReadBack(string FrontDoor, IReadOnlyList<string> Problems, int Reads, TimeSpan SlowestRead)
{
    public override string ToString() =>
        $"{Reads} reads through {FrontDoor}, slowest {SlowestRead.TotalMilliseconds:0} ms, {Problems.Count} mismatches" + (Problems.Count == 0 ? string.Empty : ":\n" + string.Join('\n', Problems.Take(20)));
}

/// <summary>
/// Concurrent writers PUTting through given front doors: each writer alternates new nodes of its own
/// (<c>/src/w{writer}/n{op}</c>) with new versions of a few hot nodes shared by all writers (<c>/src/hot/h{n}</c>),
/// every write with a summary unique to it. Every outcome is recorded, so the test can read back exactly what
/// was acknowledged and count what was not.
/// </summary>
public sealed class WriteLoad(string project, string token, IReadOnlyList<ApiClient> frontDoors, int writers, int hotNodes, TimeSpan pause)
{
    private readonly ConcurrentQueue<WriteOutcome> _outcomes = new();
    private int _acknowledged;

    public int AcknowledgedCount => Volatile.Read(ref _acknowledged);

    public IReadOnlyList<WriteOutcome> Outcomes => [.. _outcomes];

    public static string HotPath(int index) => $"/src/hot/h{index}";

    /// <summary>One PUT outside the writers (e.g. seeding hot nodes through a chosen silo), recorded like theirs.</summary>
    public async Task<WriteOutcome> WriteOnceAsync(ApiClient frontDoor, int writer, int operation, string path, CancellationToken cancellationToken)
    {
        var summary = $"{project} w{writer} op{operation} {path}";
        WriteOutcome outcome;
        var sentAt = DateTimeOffset.UtcNow;
        try
        {
            var answer = await frontDoor.PutAsync(token, ApiClient.Address(project, path), summary, cancellationToken);
            var version = answer.IsSuccess ? answer.Body?["temporal_metadata"]?["version"]?.GetValue<int>() : null;
            var error = answer.IsSuccess ? null : answer.Body?.ToJsonString();
            outcome = new WriteOutcome(frontDoor.Silo.Name, writer, operation, path, summary, answer.Status, version, answer.TraceId, answer.SentAt, answer.AnsweredAt, error);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            outcome = new WriteOutcome(frontDoor.Silo.Name, writer, operation, path, summary, null, null, null, sentAt, DateTimeOffset.UtcNow, ex.GetType().Name + ": " + ex.Message);
        }

        _outcomes.Enqueue(outcome);
        if (outcome.Acknowledged)
        {
            Interlocked.Increment(ref _acknowledged);
        }

        return outcome;
    }

    /// <summary>
    /// Runs the writers until <paramref name="stopWriting"/> is cancelled (requests in flight then finish), each
    /// for at most <paramref name="maxOperationsPerWriter"/> writes; <paramref name="abort"/> cancels everything.
    /// </summary>
    public Task RunAsync(int maxOperationsPerWriter, CancellationToken stopWriting, CancellationToken abort) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(
            async () =>
            {
                var frontDoor = frontDoors[w % frontDoors.Count];
                for (var op = 0; op < maxOperationsPerWriter && !stopWriting.IsCancellationRequested; op++)
                {
                    var path = op % 3 == 2 ? HotPath((w + op) % hotNodes) : $"/src/w{w}/n{op}";
                    await WriteOnceAsync(frontDoor, w, op, path, abort);
                    await Task.Delay(pause, abort);
                }
            },
            abort)));

    /// <summary>
    /// Reads back through <paramref name="reader"/> every acknowledged write (that exact version holds that exact
    /// summary) and every written node's head (the newest acknowledged version, or a later one only if some write
    /// to the node went unacknowledged). Returns the mismatches.
    /// </summary>
    public async Task<ReadBack> VerifyAsync(ApiClient reader, CancellationToken cancellationToken)
    {
        var outcomes = Outcomes;
        var problems = new ConcurrentQueue<string>();
        var latencies = new ConcurrentQueue<TimeSpan>();
        using var gate = new SemaphoreSlim(8);

        async Task CheckAsync(Func<Task> check)
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                await check();
            }
            finally
            {
                gate.Release();
            }
        }

        var versionChecks = outcomes.Where(o => o.Acknowledged).Select(ack => CheckAsync(async () =>
        {
            var answer = await reader.GetAsync(token, ApiClient.Address(project, ack.Path, version: ack.Version), cancellationToken);
            latencies.Enqueue(answer.AnsweredAt - answer.SentAt);
            var (version, summary) = Read(answer);
            if (answer.Status != HttpStatusCode.OK || version != ack.Version || summary != ack.Summary)
            {
                problems.Enqueue($"{reader.Silo.Name}: {ack.Path} version {ack.Version} (acknowledged via {ack.FrontDoor}) reads {answer}");
            }
        }));
        var headChecks = outcomes.GroupBy(o => o.Path).Select(node => CheckAsync(async () =>
        {
            var acknowledged = node.Where(o => o.Acknowledged).ToList();
            var answer = await reader.GetAsync(token, ApiClient.Address(project, node.Key), cancellationToken);
            latencies.Enqueue(answer.AnsweredAt - answer.SentAt);
            if (acknowledged.Count == 0)
            {
                return; // nothing was promised for this node
            }

            var newest = acknowledged.MaxBy(o => o.Version)!;
            var allAcknowledged = acknowledged.Count == node.Count();
            var (version, summary) = Read(answer);
            var good = answer.Status == HttpStatusCode.OK
                && (allAcknowledged ? version == newest.Version && summary == newest.Summary : version >= newest.Version);
            if (!good)
            {
                problems.Enqueue($"{reader.Silo.Name}: head of {node.Key} should be version {newest.Version} \"{newest.Summary}\"{(allAcknowledged ? string.Empty : " or later")}, reads {answer}");
            }
        }));
        await Task.WhenAll(versionChecks.Concat(headChecks));
        return new ReadBack(reader.Silo.Name, [.. problems], latencies.Count, latencies.IsEmpty ? TimeSpan.Zero : latencies.Max());
    }

    private static (int? Version, string? Summary) Read(ApiAnswer answer) =>
        answer.Body is JsonObject body
            ? (body["temporal_metadata"]?["version"]?.GetValue<int>(), body["context_data"]?["summary"]?.GetValue<string>())
            : (null, null);
}
