using System.Text;
using BenchmarkDotNet.Attributes;
using Slurp.Domain.Access;
using Slurp.Domain.Audit;
using Slurp.Domain.Context;
using Slurp.Domain.Versions;

namespace Slurp.Bench.Crypto;

/// <summary>
/// The two hashes every PUT computes: its content hash (to spot an identical write) and its audit entry's chain
/// hash — both SHA-256 over the canonical encoding (Slurp.Domain.Crypto.CanonicalHasher).
/// </summary>
[MemoryDiagnoser]
public class ContentHashBenchmarks
{
    private static readonly DateTimeOffset Time = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private VersionContent _content = null!;

    [GlobalSetup]
    public void Setup()
    {
        var insight = new StringBuilder();
        while (insight.Length < 1600)
        {
            insight.Append("The handler validates the session token, then loads the user with pgx and maps errors to 4xx. ");
        }

        var data = new ContextData
        {
            Summary = "User endpoints: create, read, update and list users.",
            Purpose = "HTTP API for users",
            Technologies = ["go", "pgx", "chi", "http"],
            Tags = ["api", "users", "crud"],
            Insights = [insight.ToString()],
        };
        _content = new VersionContent(data, AccessLevel.Medium, ["backend_developer", "architect", "reviewer", "qa"], new Dictionary<string, ContextData>());
    }

    [Benchmark(Description = "content hash of a 2 KB version")]
    public string ContentHash() => _content.ComputeHash();

    [Benchmark(Description = "audit entry, chained")]
    public AuditEntry AuditEntry() =>
        AuditChain.Append(AuditChain.GenesisHash, 1, Time, "agent-7", "backend_developer", "write", "ucxl://any:backend_developer@p:t/src/api/users.go", "allowed", "change_reason code_change");
}
