using System.Data;

namespace Slurp.Postgres.Tests.Contract;

/// <summary>A parameter as an Orleans ADO.NET provider binds it: name without prefix, DbType, a typical value.</summary>
public sealed record BoundParameter(string Name, DbType Type, object Value);

/// <summary>
/// One statement the Orleans ADO.NET providers (10.4.2) look up in <c>OrleansQuery</c>: the parameters they
/// bind and the columns they read. Taken from the providers' C# (DbStoredQueries.Columns,
/// RelationalOrleansQueries, AdoNetGrainStorage), not from any SQL.
/// </summary>
/// <param name="Key">The QueryKey.</param>
/// <param name="Parameters">Every parameter bound, whether the text uses it or not.</param>
/// <param name="Columns">Columns read by name with the CLR type the provider's reader needs, or empty when the result is not read by name.</param>
/// <param name="Result">How the result is consumed.</param>
public sealed record QueryContract(string Key, IReadOnlyList<BoundParameter> Parameters, IReadOnlyList<ReadColumn> Columns, QueryResult Result);

/// <summary>A result column a provider reads by name, and the CLR type its reader accepts.</summary>
public sealed record ReadColumn(string Name, Type Type);

/// <summary>How a provider consumes a statement's result.</summary>
public enum QueryResult
{
    /// <summary>Nothing is read (ExecuteAsync).</summary>
    None,

    /// <summary>Rows read by the column names listed.</summary>
    Rows,

    /// <summary>Exactly one row with exactly one column, read as a boolean.</summary>
    SingleBoolean,

    /// <summary>The first column of the one row, read as the new version (ETag).</summary>
    FirstColumnVersion,
}

/// <summary>The contract of every query key the three providers use.</summary>
public static class OrleansQueryContract
{
    private static readonly DateTime Now = DateTime.UtcNow;

    private static BoundParameter Text(string name, object value) => new(name, DbType.String, value);

    private static BoundParameter Ansi(string name, object value) => new(name, DbType.AnsiString, value);

    private static BoundParameter Int(string name, object value) => new(name, DbType.Int32, value);

    private static BoundParameter Long(string name, long value) => new(name, DbType.Int64, value);

    private static BoundParameter Time(string name) => new(name, DbType.DateTime, Now);

    // Clustering: the silo is Columns.SiloAddress = Address (AnsiString), Port, Generation.
    private static readonly BoundParameter[] Silo = [Ansi("Address", "127.0.0.1"), Int("Port", 11111), Int("Generation", 42)];

    // GetInt32 for Port, Generation, Status and ProxyPort: these must be integer, not bigint.
    private static readonly ReadColumn[] MemberColumns =
    [
        new("Version", typeof(int)), new("Address", typeof(string)), new("Port", typeof(int)), new("Generation", typeof(int)),
        new("SiloName", typeof(string)), new("HostName", typeof(string)), new("Status", typeof(int)), new("ProxyPort", typeof(int)),
        new("SuspectTimes", typeof(string)), new("StartTime", typeof(DateTime)), new("IAmAliveTime", typeof(DateTime)),
    ];

    // Persistence: every call binds the key like this.
    private static readonly BoundParameter[] GrainKey =
    [
        Int("GrainIdHash", 12345), Long("GrainIdN0", 0), Long("GrainIdN1", 0), Int("GrainTypeHash", 678),
        Text("GrainTypeString", "probe"), Text("GrainIdExtensionString", "probe/contract"), Text("ServiceId", "contract-service"),
    ];

    private static readonly ReadColumn[] ReminderColumns =
    [
        new("GrainId", typeof(string)), new("ReminderName", typeof(string)), new("StartTime", typeof(DateTime)),
        new("Period", typeof(long)), new("Version", typeof(int)),
    ];

    public static IReadOnlyList<QueryContract> All { get; } =
    [
        // Clustering (Microsoft.Orleans.Clustering.AdoNet)
        new("InsertMembershipVersionKey", [Text("DeploymentId", "contract")], [], QueryResult.SingleBoolean),
        new("MembershipReadAllKey", [Text("DeploymentId", "contract")], MemberColumns, QueryResult.Rows),
        new("MembershipReadRowKey", [Text("DeploymentId", "contract"), .. Silo], MemberColumns, QueryResult.Rows),
        new("InsertMembershipKey",
            [Text("DeploymentId", "contract"), Time("IAmAliveTime"), Text("SiloName", "silo"), Text("HostName", "host"), .. Silo,
             Time("StartTime"), Int("Status", 3), Int("ProxyPort", 30000), Int("Version", 0)],
            [], QueryResult.SingleBoolean),
        new("UpdateMembershipKey",
            [Text("DeploymentId", "contract"), .. Silo, Time("IAmAliveTime"), Int("Status", 6), Text("SuspectTimes", DBNull.Value), Int("Version", 1)],
            [], QueryResult.SingleBoolean),
        new("UpdateIAmAlivetimeKey", [Text("DeploymentId", "contract"), .. Silo, Time("IAmAliveTime")], [], QueryResult.None),
        new("GatewaysQueryKey", [Text("DeploymentId", "contract"), Int("Status", 3)], [new("Address", typeof(string)), new("ProxyPort", typeof(int)), new("Generation", typeof(int))], QueryResult.Rows),
        new("DeleteMembershipTableEntriesKey", [Text("DeploymentId", "contract")], [], QueryResult.None),
        new("CleanupDefunctSiloEntriesKey", [Text("DeploymentId", "contract"), Time("IAmAliveTime")], [], QueryResult.None),
        new("CleanupDefunctSiloEntryKey",
            [Text("DeploymentId", "contract"), .. Silo, Text("SuspectTimes", DBNull.Value), Time("StartTime"), Time("IAmAliveTime")],
            [], QueryResult.None),

        // Persistence (Microsoft.Orleans.Persistence.AdoNet)
        new("ReadFromStorageKey", GrainKey, [new("PayloadBinary", typeof(byte[])), new("Version", typeof(int))], QueryResult.Rows),
        new("WriteToStorageKey",
            [.. GrainKey, Int("GrainStateVersion", DBNull.Value), new("PayloadBinary", DbType.Binary, "{}"u8.ToArray())],
            [new("NewGrainStateVersion", typeof(int))], QueryResult.Rows),
        new("ClearStorageKey", [.. GrainKey, Int("GrainStateVersion", 1)], [], QueryResult.FirstColumnVersion),
        new("DeleteStorageKey", [.. GrainKey, Int("GrainStateVersion", 1)], [], QueryResult.FirstColumnVersion),

        // Reminders (Microsoft.Orleans.Reminders.AdoNet)
        new("ReadReminderRowsKey", [Text("ServiceId", "contract-service"), Ansi("GrainId", "probe/contract")], ReminderColumns, QueryResult.Rows),
        new("ReadReminderRowKey",
            [Text("ServiceId", "contract-service"), Ansi("GrainId", "probe/contract"), Text("ReminderName", "tick")],
            ReminderColumns, QueryResult.Rows),
        new("ReadRangeRows1Key", [Text("ServiceId", "contract-service"), Int("BeginHash", -5), Int("EndHash", 5)], ReminderColumns, QueryResult.Rows),
        new("ReadRangeRows2Key", [Text("ServiceId", "contract-service"), Int("BeginHash", 5), Int("EndHash", -5)], ReminderColumns, QueryResult.Rows),
        new("UpsertReminderRowKey",
            [Text("ServiceId", "contract-service"), Int("GrainHash", -7), Ansi("GrainId", "probe/contract"), Text("ReminderName", "tick"),
             Time("StartTime"), Int("Period", 60_000)],
            [new("Version", typeof(int))], QueryResult.Rows),
        new("DeleteReminderRowKey",
            [Text("ServiceId", "contract-service"), Ansi("GrainId", "probe/contract"), Text("ReminderName", "tick"), Int("Version", 1)],
            [], QueryResult.SingleBoolean),
        new("DeleteReminderRowsKey", [Text("ServiceId", "contract-service")], [], QueryResult.None),
    ];
}
