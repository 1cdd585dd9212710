using System.Net;
using System.Net.Sockets;
using Slurp.Storage.Postgres;

namespace Slurp.Postgres.Tests.Schema;

/// <summary>What <see cref="PostgresSchema"/> tells an operator when it cannot go on; needs no server.</summary>
public sealed class SchemaErrorTests
{
    [Fact]
    public void AnOlderSchemaSaysExactlyHowToUpgrade()
    {
        var status = new SchemaStatus("db.example:5432", "slurp", CurrentVersion: 1, ExpectedVersion: 2);

        var error = Assert.Throws<PostgresSchemaException>(status.EnsureCurrent);

        Assert.Equal(SchemaProblem.Outdated, error.Problem);
        Assert.Equal(
            "schema version 1 is older than the code's 2: run `dotnet run --project src/Slurp.Host -- --Slurp:Storage:ApplySchema=true` or `slurp db init`",
            error.Message);
    }

    [Fact]
    public async Task AServerThatIsNotThereIsReportedUnreachableWithItsAddress()
    {
        var port = ClosedPort();
        var connectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Timeout=5";

        var error = await Assert.ThrowsAsync<PostgresSchemaException>(
            () => PostgresSchema.CheckAsync(connectionString, CancellationToken.None));

        Assert.Equal(SchemaProblem.Unreachable, error.Problem);
        Assert.StartsWith($"PostgreSQL at 127.0.0.1:{port} is unreachable: ", error.Message);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
