using System.Data.Common;
using Npgsql;

namespace Slurp.Host.Silo;

/// <summary>
/// Npgsql settings the profile turns on unless the connection string sets them itself. Measured on the
/// write path (docs/benchmarks.md): without them every pooled connection is reset with <c>DISCARD ALL</c>
/// when returned, and every statement is planned afresh.
/// </summary>
internal static class PostgresConnectionTuning
{
    /// <summary>Statements Npgsql keeps prepared per connection: more than the providers and SLURP use.</summary>
    public const int MaxAutoPrepare = 32;

    /// <summary>
    /// Adds <c>No Reset On Close=true</c> (neither the Orleans providers nor SLURP leave session state on a
    /// connection: locks are transaction-scoped, nothing is SET) and <c>Max Auto Prepare</c>.
    /// </summary>
    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var keys = given.Keys.Cast<string>().Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var tuned = new NpgsqlConnectionStringBuilder(connectionString);
        if (!keys.Contains("NoResetOnClose"))
        {
            tuned.NoResetOnClose = true;
        }

        if (!keys.Contains("MaxAutoPrepare"))
        {
            tuned.MaxAutoPrepare = MaxAutoPrepare;
        }

        return tuned.ConnectionString;
    }

    /// <summary>The same string with its pool capped at <paramref name="maxPoolSize"/> connections.</summary>
    public static string WithMaxPool(string connectionString, int maxPoolSize)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.MaxPoolSize = Math.Min(builder.MaxPoolSize, maxPoolSize);
        return builder.ConnectionString;
    }
}
