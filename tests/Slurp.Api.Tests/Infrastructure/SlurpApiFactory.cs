using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Slurp.Api.Tests.Infrastructure;

/// <summary>
/// The whole host (minimal API plus co-hosted silo) on real storage, with a known admin token and silo ports
/// nobody else holds. One per test collection: a silo takes seconds to start. The storage is the profile's
/// (<see cref="ApiProfile"/>): SQLite in a fresh temporary data folder, or on <c>postgres</c> a fresh database
/// of its own (schema applied at start) beside that folder, which then holds only the dev seal's key file.
/// </summary>
public class SlurpApiFactory : WebApplicationFactory<Program>
{
    /// <summary>The bootstrap admin token the host is configured with.</summary>
    public const string AdminToken = "slurp_test-admin-token";

    private readonly (int Silo, int Gateway) _ports = FreePorts.Allocate();

    /// <summary>The temporary <c>Slurp:DataDir</c>, deleted when the factory is disposed.</summary>
    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "slurp-api-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The host's own database on the <c>postgres</c> profile (made when the host starts); null on <c>sqlite</c>.</summary>
    public PostgresTestDatabase? Database { get; private set; }

    /// <summary>An HTTP client that presents <paramref name="token"/> as its bearer token.</summary>
    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>An HTTP client authenticated with the bootstrap admin token.</summary>
    public HttpClient AdminClient() => ClientWithToken(AdminToken);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        if (Database is { } database)
        {
            await database.DropAsync();
        }

        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder (or none: a host that never started) is not worth failing a test run for.
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Slurp:DataDir", DataDir);
        builder.UseSetting("Slurp:Auth:BootstrapAdminToken", AdminToken);
        builder.UseSetting("Slurp:Cluster:SiloPort", _ports.Silo.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Slurp:Cluster:GatewayPort", _ports.Gateway.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Slurp:Cluster:ClusterId", "api-tests-" + Guid.NewGuid().ToString("N"));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        if (ApiProfile.IsPostgres)
        {
            Database ??= PostgresTestDatabase.Create();
            builder.UseSetting("Slurp:Storage:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Slurp", Database.HostConnectionString);
            builder.UseSetting("Slurp:Storage:ApplySchema", "true");
            // The Postgres profile defaults to the shamir seal; these hosts keep the embedded default's dev
            // seal unless a factory's ExtraSettings say otherwise (they are applied after, and win).
            builder.UseSetting("Slurp:Seal:Mode", "dev");
        }

        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Further <c>UseSetting</c> pairs for a factory that needs a different configuration.</summary>
    protected virtual IEnumerable<(string Key, string Value)> ExtraSettings => [];
}
