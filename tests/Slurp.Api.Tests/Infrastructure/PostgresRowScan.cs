using System.Text;
using Npgsql;

namespace Slurp.Api.Tests.Infrastructure;

/// <summary>Reads every value of every column of every table in a database's schema (the running host's rows).</summary>
public static class PostgresRowScan
{
    /// <summary>
    /// Each non-null value as bytes: <c>bytea</c> as stored, anything else as its text form in UTF-8. Logical values,
    /// so TOAST-compressed or out-of-line values are searched decompressed.
    /// </summary>
    public static async Task<List<(string Where, byte[] Bytes)>> ReadAllAsync(PostgresTestDatabase database)
    {
        await using var connection = await database.OpenAsync();
        var columns = new List<(string Table, string Column, bool IsBytea)>();
        await using (var list = new NpgsqlCommand("""
            SELECT c.table_name, c.column_name, c.data_type = 'bytea'
              FROM information_schema.columns AS c
              JOIN information_schema.tables AS t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
             WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
             ORDER BY c.table_name, c.ordinal_position
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
            }
        }

        Assert.NotEmpty(columns);
        var values = new List<(string Where, byte[] Bytes)>();
        foreach (var table in columns.GroupBy(c => c.Table))
        {
            var select = string.Join(", ", table.Select(c => c.IsBytea ? Quote(c.Column) : Quote(c.Column) + "::text"));
            await using var read = new NpgsqlCommand($"SELECT {select} FROM {Quote(table.Key)}", connection);
            await using var reader = await read.ExecuteReaderAsync();
            var row = 0;
            while (await reader.ReadAsync())
            {
                row++;
                var i = 0;
                foreach (var column in table)
                {
                    if (!reader.IsDBNull(i))
                    {
                        var bytes = column.IsBytea ? reader.GetFieldValue<byte[]>(i) : Encoding.UTF8.GetBytes(reader.GetString(i));
                        values.Add(($"{table.Key}.{column.Column} (row {row}) of database {database.Name}", bytes));
                    }

                    i++;
                }
            }
        }

        return values;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
