using System.Data;
using Npgsql;

namespace Slurp.Postgres.Tests.Contract;

/// <summary>
/// Every OrleansQuery row, run the way the providers run it — same parameter names and DbTypes, results
/// read by name — inside a transaction that is rolled back.
/// </summary>
public sealed class OrleansQueryContractTests(SchemaDatabaseFixture fixture) : IClassFixture<SchemaDatabaseFixture>
{
    public static TheoryData<string> Keys => [.. OrleansQueryContract.All.Select(q => q.Key)];

    [Fact]
    public async Task TheCatalogueHoldsExactlyTheKeysTheThreeProvidersLookUp()
    {
        await using var connection = await fixture.Database.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey, QueryText FROM OrleansQuery", connection);
        List<string> keys = [];
        await using (var reader = await command.ExecuteReaderAsync())
        {
            // The providers read these two columns by their mixed-case names; PostgreSQL folded them.
            var keyOrdinal = reader.GetOrdinal("QueryKey");
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(keyOrdinal));
            }
        }

        Assert.Equal(OrleansQueryContract.All.Select(q => q.Key).Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task EveryQueryAcceptsTheProvidersParametersAndReturnsWhatTheyRead(string key)
    {
        var contract = OrleansQueryContract.All.Single(q => q.Key == key);
        await using var connection = await fixture.Database.OpenAsync();
        var text = await fixture.QueryTextAsync(connection, key);
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(text, connection, transaction);
        foreach (var bound in contract.Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = bound.Name;
            parameter.DbType = bound.Type;
            parameter.Value = bound.Value;
            command.Parameters.Add(parameter);
        }

        await using (var reader = await command.ExecuteReaderAsync())
        {
            switch (contract.Result)
            {
                case QueryResult.Rows:
                    foreach (var column in contract.Columns)
                    {
                        var ordinal = reader.GetOrdinal(column.Name);
                        Assert.Equal(column.Name, reader.GetName(ordinal));
                        Assert.Equal(column.Type, reader.GetFieldType(ordinal));
                    }

                    break;
                case QueryResult.SingleBoolean:
                    Assert.Equal(1, reader.FieldCount);
                    Assert.True(await reader.ReadAsync());
                    Assert.IsType<bool>(reader.GetValue(0));
                    Assert.False(await reader.ReadAsync());
                    break;
                case QueryResult.FirstColumnVersion:
                    Assert.Equal(typeof(int), reader.GetFieldType(0));
                    break;
                case QueryResult.None:
                    break;
            }
        }

        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task TheRangeQueriesSelectExactlyTheRemindersInTheRingRange()
    {
        // Orleans' ring range (begin, end] over uint hashes, with the provider's own choice of query.
        static bool InRange(uint hash, uint begin, uint end) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

        var random = new Random(9706);
        uint[] edges = [0, 1, 2, int.MaxValue - 1u, int.MaxValue, (uint)int.MaxValue + 1, (uint)int.MaxValue + 2, uint.MaxValue - 1, uint.MaxValue];
        var hashes = edges.Concat(Enumerable.Range(0, 64).Select(_ => (uint)random.NextInt64(0, 1L << 32))).Distinct().ToArray();
        var bounds = edges.SelectMany(b => edges.Select(e => (Begin: b, End: e)))
            .Concat(Enumerable.Range(0, 200).Select(_ => (Begin: (uint)random.NextInt64(0, 1L << 32), End: (uint)random.NextInt64(0, 1L << 32))))
            .ToArray();

        await using var connection = await fixture.Database.OpenAsync();
        var rows1 = await fixture.QueryTextAsync(connection, "ReadRangeRows1Key");
        var rows2 = await fixture.QueryTextAsync(connection, "ReadRangeRows2Key");
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var hash in hashes)
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO orleans_reminder (service_id, grain_id, reminder_name, grain_hash, start_time, period_ms) " +
                "VALUES ('ring', @grain, 'tick', @hash, now(), 1000)", connection, transaction);
            insert.Parameters.AddWithValue("grain", $"probe/{hash}");
            insert.Parameters.AddWithValue("hash", unchecked((int)hash));
            await insert.ExecuteNonQueryAsync();
        }

        foreach (var (begin, end) in bounds)
        {
            var query = unchecked((int)begin < (int)end) ? rows1 : rows2;
            await using var read = new NpgsqlCommand(query, connection, transaction);
            read.Parameters.Add(new NpgsqlParameter("ServiceId", DbType.String) { Value = "ring" });
            read.Parameters.Add(new NpgsqlParameter("BeginHash", DbType.Int32) { Value = unchecked((int)begin) });
            read.Parameters.Add(new NpgsqlParameter("EndHash", DbType.Int32) { Value = unchecked((int)end) });
            List<string> found = [];
            await using (var reader = await read.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    found.Add(reader.GetString(reader.GetOrdinal("GrainId")));
                }
            }

            var expected = hashes.Where(h => InRange(h, begin, end)).Select(h => $"probe/{h}").Order(StringComparer.Ordinal);
            Assert.True(
                expected.SequenceEqual(found.Order(StringComparer.Ordinal)),
                $"range ({begin}, {end}] selected {found.Count} reminders, expected {expected.Count()}");
        }

        await transaction.RollbackAsync();
    }

    [Theory]
    [InlineData("s", "t", 0L, 0L, null, "s", "t", 0L, 0L, "")]
    [InlineData("ab", "c", 0L, 0L, "x", "a", "bc", 0L, 0L, "x")]
    [InlineData("s", "t", 1L, 23L, "x", "s", "t", 12L, 3L, "x")]
    [InlineData("s", "t", 0L, 0L, "e1", "s", "t", 0L, 0L, "E1")]
    public async Task DistinctGrainKeysNeverShareAStateRow(
        string service1, string type1, long n01, long n11, string? ext1,
        string service2, string type2, long n02, long n12, string? ext2)
    {
        const string Identity = "SELECT orleans_grain_identity(@s, @t, @n0, @n1, @ext)";
        async Task<byte[]> IdentityOf(string service, string type, long n0, long n1, string? ext)
        {
            await using var connection = await fixture.Database.OpenAsync();
            await using var command = new NpgsqlCommand(Identity, connection);
            command.Parameters.AddWithValue("s", service);
            command.Parameters.AddWithValue("t", type);
            command.Parameters.AddWithValue("n0", n0);
            command.Parameters.AddWithValue("n1", n1);
            command.Parameters.Add(new NpgsqlParameter("ext", DbType.String) { Value = (object?)ext ?? DBNull.Value });
            return (byte[])(await command.ExecuteScalarAsync())!;
        }

        var first = await IdentityOf(service1, type1, n01, n11, ext1);
        var second = await IdentityOf(service2, type2, n02, n12, ext2);

        Assert.Equal(32, first.Length);
        Assert.NotEqual(first, second);
    }
}
