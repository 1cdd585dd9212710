namespace Slurp.Host.Configuration;

/// <summary>
/// Every <c>Slurp:*</c> option. Each can be set in <c>appsettings/appsettings.json</c>, on the command line
/// (<c>--Slurp:Api:MaxBodyBytes=2097152</c>) or as an environment variable (<c>Slurp__Api__MaxBodyBytes</c>).
/// The README's configuration table lists them all.
/// </summary>
public sealed class SlurpOptions
{
    public const string Section = "Slurp";

    /// <summary>Folder for durable local data (the SQLite store, the generated admin token). Default ./data.</summary>
    public string DataDir { get; set; } = "data";

    public StorageOptions Storage { get; set; } = new();
    public ClusterOptions Cluster { get; set; } = new();
    public AuthOptions Auth { get; set; } = new();
    public ApiOptions Api { get; set; } = new();
    public CascadeSettings Cascade { get; set; } = new();
    public MetricsOptions Metrics { get; set; } = new();
    public Seal.SealOptions Seal { get; set; } = new();
}

/// <summary>Where grain state lives.</summary>
public sealed class StorageOptions
{
    /// <summary><c>Sqlite</c> (durable embedded default), <c>Postgres</c> (the cluster profile) or <c>Memory</c> (volatile; experiments only).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Writes committed together in one transaction at most (group commit; both profiles).</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Postgres profile: apply the sql/ scripts at start (idempotent). Otherwise the start checks the schema version.</summary>
    public bool ApplySchema { get; set; }

    /// <summary>
    /// Postgres profile: most connections per silo of the pool for SLURP's own tables (context-node reads and
    /// the group-commit writer, audit queries). Default 10: with the deploy files' <c>Maximum Pool Size=20</c>,
    /// three silos stay under PostgreSQL's default 100 connections.
    /// </summary>
    public int MaxPoolSize { get; set; } = 10;
}

/// <summary>Orleans cluster identity and ports.</summary>
public sealed class ClusterOptions
{
    public string ClusterId { get; set; } = "slurp";
    public string ServiceId { get; set; } = "slurp";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Postgres profile: the address other silos reach this one at. Default 127.0.0.1.</summary>
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    /// <summary>Postgres profile: listen on every interface instead of only the advertised address.</summary>
    public bool ListenOnAnyHostAddress { get; set; }

    /// <summary>Postgres profile: tuned membership probing (≈ 4 s to declare a dead silo). Default true.</summary>
    public bool FastFailureDetection { get; set; } = true;

    /// <summary>
    /// Postgres profile: where a context node that is not active anywhere is activated. <c>Local</c> (default): on
    /// the silo whose front door asked for it, so an agent that stays with one silo writes without a call between
    /// silos; <c>Balanced</c>: Orleans' resource-optimized placement, spread by load (docs/storage.md "Where nodes live").
    /// </summary>
    public string NodePlacement { get; set; } = "Local";

    /// <summary>The shortest reminder period accepted (Orleans' own default, 1 minute); tests lower it.</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Bearer-token settings.</summary>
public sealed class AuthOptions
{
    /// <summary>An admin token; when unset one is generated into &lt;DataDir&gt;/admin.token (mode 0600).</summary>
    public string? BootstrapAdminToken { get; set; }

    /// <summary>
    /// How long a silo keeps its copy of the role catalog and of an authenticated agent, in milliseconds. A change
    /// made through a silo applies there at once; the other silos see it within this time. 0: no copies (every
    /// request asks the cluster's directory and catalog grains). Default 1000.
    /// </summary>
    public int CacheMilliseconds { get; set; } = 1000;
}

/// <summary>Front-door limits.</summary>
public sealed class ApiOptions
{
    /// <summary>Largest accepted request body in bytes; larger ones get 413. Default 1 MiB.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a request keeps retrying after a silo failure or a dropped database connection before 503. Default 15.</summary>
    public int TransientRetrySeconds { get; set; } = 15;
}

/// <summary>Cascade resolution settings.</summary>
public sealed class CascadeSettings
{
    /// <summary>Deepest path accepted, and the most ancestors that contribute to a resolution. Default 32.</summary>
    public int MaxDepth { get; set; } = 32;

    /// <summary>
    /// Whether each silo keeps the ancestor versions the cascade uses, leased from their nodes and invalidated by them
    /// before a change is acknowledged (docs/storage.md "The ancestor cache"). Default true; false asks every ancestor
    /// on every read and write.
    /// </summary>
    public bool AncestorCache { get; set; } = true;
}

/// <summary><c>GET /metrics</c>.</summary>
public sealed class MetricsOptions
{
    /// <summary>Serve the OpenTelemetry metrics in Prometheus text at <c>/metrics</c> (unauthenticated). Default true.</summary>
    public bool Enabled { get; set; } = true;
}
