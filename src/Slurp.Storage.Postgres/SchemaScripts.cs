using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Slurp.Storage.Postgres;

/// <summary>One SQL script embedded from <c>sql/</c>.</summary>
/// <param name="Name">The file name, e.g. <c>PostgreSQL-Main.sql</c>.</param>
/// <param name="Text">The script.</param>
internal sealed record SchemaScript(string Name, string Text);

/// <summary>A script from <c>sql/Migrations/</c> that brings a database from <see cref="Version"/> - 1 to <see cref="Version"/>.</summary>
/// <param name="Version">The schema version the database has after it.</param>
/// <param name="Script">The script.</param>
internal sealed record SchemaMigration(int Version, SchemaScript Script);

/// <summary>
/// The scripts embedded in this assembly: the baseline (the five area files, which always describe the
/// newest schema, in the order they must run) and the numbered migrations.
/// </summary>
internal sealed partial class SchemaScripts
{
    /// <summary>The version of the schema before any migration existed.</summary>
    public const int BaselineVersion = 1;

    /// <summary>The baseline files, in the order they run: Main first (OrleansQuery), Slurp last.</summary>
    public static IReadOnlyList<string> BaselineFiles { get; } =
    [
        "PostgreSQL-Main.sql",
        "PostgreSQL-Clustering.sql",
        "PostgreSQL-Persistence.sql",
        "PostgreSQL-Reminders.sql",
        "PostgreSQL-Slurp.sql",
    ];

    private const string ResourceFolder = ".sql.";
    private const string MigrationResourceFolder = ".sql.Migrations.";

    private static readonly Lazy<SchemaScripts> Embedded = new(() => Load(typeof(SchemaScripts).Assembly));

    private SchemaScripts(IReadOnlyList<SchemaScript> baseline, IReadOnlyList<SchemaMigration> migrations)
    {
        Baseline = baseline;
        Migrations = migrations;
        ExpectedVersion = migrations.Count == 0 ? BaselineVersion : migrations[^1].Version;
    }

    /// <summary>The scripts embedded in this assembly.</summary>
    public static SchemaScripts Current => Embedded.Value;

    /// <summary>The area files, in the order they run.</summary>
    public IReadOnlyList<SchemaScript> Baseline { get; }

    /// <summary>Migrations ordered by version: 2, 3, ... with no gap.</summary>
    public IReadOnlyList<SchemaMigration> Migrations { get; }

    /// <summary>The version a database has once every script here has run.</summary>
    public int ExpectedVersion { get; }

    /// <summary>Reads the scripts from <paramref name="assembly"/>'s manifest resources.</summary>
    /// <exception cref="InvalidOperationException">A baseline file is missing, or the migrations are misnamed or not numbered 2, 3, ... without a gap.</exception>
    internal static SchemaScripts Load(Assembly assembly) =>
        Load(assembly.GetManifestResourceNames(), resource => Read(assembly, resource), assembly.GetName().Name ?? "the assembly");

    /// <summary>Builds the script set from resource names such as <c>Root.sql.PostgreSQL-Main.sql</c> and <c>Root.sql.Migrations.PostgreSQL-0002-x.sql</c>.</summary>
    /// <exception cref="InvalidOperationException">A baseline file is missing, or the migrations are misnamed or not numbered 2, 3, ... without a gap.</exception>
    internal static SchemaScripts Load(IReadOnlyCollection<string> resources, Func<string, string> read, string source)
    {
        var baseline = BaselineFiles
            .Select(file => resources.SingleOrDefault(r => r.EndsWith(ResourceFolder + file, StringComparison.Ordinal))
                is { } resource
                    ? new SchemaScript(file, read(resource))
                    : throw new InvalidOperationException($"The schema script sql/{file} is not embedded in {source}."))
            .ToArray();

        var migrations = resources
            .Where(r => r.Contains(MigrationResourceFolder, StringComparison.Ordinal))
            .Select(resource => ParseMigration(resource, read))
            .OrderBy(m => m.Version)
            .ToArray();

        for (var i = 0; i < migrations.Length; i++)
        {
            var expected = BaselineVersion + 1 + i;
            if (migrations[i].Version != expected)
            {
                throw new InvalidOperationException(
                    $"sql/Migrations must be numbered {BaselineVersion + 1:D4}, {BaselineVersion + 2:D4}, ... without gaps or repeats; " +
                    $"found {migrations[i].Script.Name} where version {expected:D4} was expected.");
            }
        }

        return new SchemaScripts(baseline, migrations);
    }

    private static SchemaMigration ParseMigration(string resource, Func<string, string> read)
    {
        var file = resource[(resource.IndexOf(MigrationResourceFolder, StringComparison.Ordinal) + MigrationResourceFolder.Length)..];
        var match = MigrationName().Match(file);
        if (!match.Success)
        {
            throw new InvalidOperationException(
                $"sql/Migrations/{file} is not named PostgreSQL-NNNN-lower-case-words.sql (NNNN = the version it produces).");
        }

        return new SchemaMigration(int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), new SchemaScript(file, read(resource)));
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource {resource} cannot be opened.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^PostgreSQL-(?<version>\d{4})-[a-z0-9]+(?:-[a-z0-9]+)*\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex MigrationName();
}
