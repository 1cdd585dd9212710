using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Slurp.Domain.Audit;
using Slurp.Grains.Audit;

namespace Slurp.Api.Tests.Infrastructure;

/// <summary>
/// A dev-seal host whose audit sink is the profile's real one (SQLite, or PostgreSQL's <c>slurp_audit_log</c>) behind
/// a switch: while <see cref="AuditSwitch.Failing"/> is set, every append (and query) throws as a full disk or a
/// lost database would.
/// </summary>
public class SwitchableAuditFactory : SlurpApiFactory
{
    public AuditSwitch Audit { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            // The profile registers its sink by type (SqliteAuditSink or PostgresAuditSink); the switch wraps that one.
            var registered = services.Last(d => d.ServiceType == typeof(IAuditSink));
            var sinkType = registered.ImplementationType;
            var expected = ApiProfile.IsPostgres ? typeof(PostgresAuditSink) : typeof(SqliteAuditSink);
            if (sinkType != expected)
            {
                throw new InvalidOperationException($"the {ApiProfile.Name} profile registered {registered}; expected the real sink {expected.Name}");
            }

            Audit.SetTableFailing = failing => AuditTableFault.SetAsync(this, failing);
            services.RemoveAll<IAuditSink>();
            services.AddSingleton<IAuditSink>(sp => new SwitchableAuditSink((IAuditSink)ActivatorUtilities.CreateInstance(sp, sinkType), Audit));
        });
    }

    /// <summary>
    /// Whether the audit log fails: appends through the sink throw, and the audit table itself refuses inserts
    /// (a trigger, installed for the scope), so a write that commits its audit entry in the same transaction as
    /// the change (WriteCommand.Audit) fails in the database for real.
    /// </summary>
    public sealed class AuditSwitch
    {
        private volatile bool _failing;

        internal Func<bool, Task>? SetTableFailing { get; set; }

        public bool Failing
        {
            get => _failing;
            set => _failing = value;
        }

        /// <summary>Makes the audit log fail until the returned scope is disposed.</summary>
        public IDisposable FailWhileInScope()
        {
            Failing = true;
            SetTableFailing?.Invoke(true).GetAwaiter().GetResult();
            return new Restore(this);
        }

        private sealed class Restore(AuditSwitch owner) : IDisposable
        {
            public void Dispose()
            {
                owner.SetTableFailing?.Invoke(false).GetAwaiter().GetResult();
                owner.Failing = false;
            }
        }
    }

    private sealed class SwitchableAuditSink(IAuditSink inner, AuditSwitch audit) : IAuditSink
    {
        public Task<AuditEntry> AppendAsync(AuditDraft draft, CancellationToken cancellationToken) =>
            audit.Failing ? throw new IOException("audit store unavailable (test switch)") : inner.AppendAsync(draft, cancellationToken);

        public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken) =>
            audit.Failing ? throw new IOException("audit store unavailable (test switch)") : inner.QueryAsync(query, cancellationToken);

        public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken) =>
            audit.Failing ? throw new IOException("audit store unavailable (test switch)") : inner.VerifyAsync(cancellationToken);

        public Task<AuditCounts> CountAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
            audit.Failing ? throw new IOException("audit store unavailable (test switch)") : inner.CountAsync(since, cancellationToken);
    }
}

/// <summary>A shamir-mode host (sealed, uninitialized at start) with the switchable audit sink.</summary>
public sealed class ShamirSwitchableAuditFactory : SwitchableAuditFactory
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("Slurp:Seal:Mode", "shamir")];
}
