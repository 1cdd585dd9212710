using Slurp.Postgres.Tests.Infrastructure;
using Slurp.Storage.Postgres;

namespace Slurp.Postgres.Tests.Schema;

/// <summary>The upgrade path, with made-up migrations on top of the real area files, against a fresh database per test.</summary>
public sealed class SchemaMigrationTests : IAsyncLifetime
{
    private const string AddTable = "CREATE TABLE slurp_probe (id int CONSTRAINT pk_slurp_probe PRIMARY KEY)";
    private const string AddColumn = "ALTER TABLE slurp_probe ADD COLUMN note text NULL";

    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task AnOlderDatabaseGetsOnlyTheMissingMigrationsEachRecorded()
    {
        await PostgresSchema.ApplyAsync(_database.ConnectionString, ScriptsWith(), CancellationToken.None);
        var upgraded = ScriptsWith(("0002-add-probe", AddTable), ("0003-add-probe-note", AddColumn));

        var before = await PostgresSchema.CheckAsync(_database.ConnectionString, upgraded, CancellationToken.None);
        var report = await PostgresSchema.ApplyAsync(_database.ConnectionString, upgraded, CancellationToken.None);
        var again = await PostgresSchema.ApplyAsync(_database.ConnectionString, upgraded, CancellationToken.None);

        Assert.Equal(SchemaProblem.Outdated, Assert.Throws<PostgresSchemaException>(before.EnsureCurrent).Problem);
        Assert.Equal(1, report.PreviousVersion);
        Assert.Equal(3, report.CurrentVersion);
        Assert.Equal(["PostgreSQL-0002-add-probe.sql", "PostgreSQL-0003-add-probe-note.sql"], report.AppliedScripts);
        Assert.False(again.Changed);
        Assert.Equal("1,2,3", await _database.ScalarAsync<string>("SELECT string_agg(version::text, ',' ORDER BY version) FROM slurp_schema_version"));
        Assert.True(await _database.ScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'slurp_probe' AND column_name = 'note')"));
    }

    [Fact]
    public async Task ANewDatabaseGetsTheAreaFilesAndSkipsTheMigrations()
    {
        // The area files describe the newest schema, so migrations are only for databases that exist.
        var scripts = ScriptsWith(("0002-add-probe", AddTable));

        var report = await PostgresSchema.ApplyAsync(_database.ConnectionString, scripts, CancellationToken.None);

        Assert.Null(report.PreviousVersion);
        Assert.Equal(2, report.CurrentVersion);
        Assert.DoesNotContain("PostgreSQL-0002-add-probe.sql", report.AppliedScripts);
        Assert.StartsWith("baseline: ", await _database.ScalarAsync<string>("SELECT description FROM slurp_schema_version WHERE version = 2"));
        Assert.False(await _database.ScalarAsync<bool>("SELECT to_regclass('slurp_probe') IS NOT NULL"));
    }

    [Fact]
    public async Task AFailingMigrationLeavesTheDatabaseAtItsVersion()
    {
        await PostgresSchema.ApplyAsync(_database.ConnectionString, ScriptsWith(), CancellationToken.None);
        var broken = ScriptsWith(("0002-add-probe", AddTable), ("0003-broken", "SELECT 1 / 0"));

        var error = await Assert.ThrowsAsync<PostgresSchemaException>(
            () => PostgresSchema.ApplyAsync(_database.ConnectionString, broken, CancellationToken.None));

        Assert.Equal(SchemaProblem.ScriptFailed, error.Problem);
        Assert.StartsWith("applying PostgreSQL-0003-broken.sql failed, nothing was changed: division by zero (SQLSTATE 22012)", error.Message);
        Assert.Equal(1, await _database.ScalarAsync<int>("SELECT max(version) FROM slurp_schema_version"));
        Assert.False(await _database.ScalarAsync<bool>("SELECT to_regclass('slurp_probe') IS NOT NULL"));
    }

    /// <summary>The embedded area files plus migrations named <c>PostgreSQL-{name}.sql</c>.</summary>
    internal static SchemaScripts ScriptsWith(params (string Name, string Sql)[] migrations)
    {
        var resources = SchemaScripts.Current.Baseline.ToDictionary(s => $"Test.sql.{s.Name}", s => s.Text);
        foreach (var (name, sql) in migrations)
        {
            resources[$"Test.sql.Migrations.PostgreSQL-{name}.sql"] = sql;
        }

        return SchemaScripts.Load(resources.Keys, resource => resources[resource], "the test");
    }
}

/// <summary>How the embedded scripts are found and checked; needs no server.</summary>
public sealed class SchemaScriptsTests
{
    [Fact]
    public void TheEmbeddedBaselineIsTheFiveAreaFilesInRunOrder()
    {
        var scripts = SchemaScripts.Current;

        Assert.Equal(
            ["PostgreSQL-Main.sql", "PostgreSQL-Clustering.sql", "PostgreSQL-Persistence.sql", "PostgreSQL-Reminders.sql", "PostgreSQL-Slurp.sql"],
            scripts.Baseline.Select(s => s.Name));
        Assert.All(scripts.Baseline, s => Assert.StartsWith("-- ====", s.Text));
        Assert.Equal(SchemaScripts.BaselineVersion + scripts.Migrations.Count, scripts.ExpectedVersion);
        Assert.Equal(scripts.ExpectedVersion, PostgresSchema.ExpectedVersion);
    }

    [Fact]
    public void MigrationsWithAGapAreRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SchemaMigrationTests.ScriptsWith(("0003-skips-two", "SELECT 1")));

        Assert.Contains("found PostgreSQL-0003-skips-two.sql where version 0002 was expected", error.Message);
    }

    [Theory]
    [InlineData("2-short-number")]
    [InlineData("0002_Underscores")]
    [InlineData("0002")]
    public void AMisnamedMigrationIsRefused(string name)
    {
        var error = Assert.Throws<InvalidOperationException>(() => SchemaMigrationTests.ScriptsWith((name, "SELECT 1")));

        Assert.Contains("is not named PostgreSQL-NNNN-lower-case-words.sql", error.Message);
    }
}
