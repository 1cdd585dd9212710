namespace Slurp.Api.Tests.Infrastructure;

/// <summary>
/// Which storage profile every host in this run uses: <c>SLURP_API_PROFILE</c> = <c>sqlite</c> (the embedded
/// default, when unset) or <c>postgres</c> (the cluster profile, each host on a fresh database of the server
/// named by <c>SLURP_TEST_POSTGRES</c>). scripts/test.sh runs this project once per profile.
/// </summary>
public static class ApiProfile
{
    public const string Variable = "SLURP_API_PROFILE";

    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    /// <summary>The selected profile; an unknown value fails every host start rather than silently testing SQLite.</summary>
    public static string Name { get; } = Environment.GetEnvironmentVariable(Variable) switch
    {
        null or "" => Sqlite,
        var value when value.Equals(Sqlite, StringComparison.OrdinalIgnoreCase) => Sqlite,
        var value when value.Equals(Postgres, StringComparison.OrdinalIgnoreCase) => Postgres,
        var value => throw new InvalidOperationException($"{Variable}='{value}' is not a profile; use {Sqlite} (default) or {Postgres}"),
    };

    public static bool IsPostgres => Name == Postgres;
}
