using System.Net;
using Slurp.Durability.Tests.Hosting;

namespace Slurp.Durability.Tests.Bootstrap;

/// <summary>
/// A start killed between creating <c>admin.token</c> and writing it left an empty file; the next start must
/// not take the empty string as the admin token (which nobody can present: a silent admin lock-out).
/// </summary>
[Collection(RealHostCollection.Name)]
public sealed class InterruptedTokenGenerationTests
{
    [Fact]
    public async Task AnEmptyTokenFileLeftByAKilledStartIsReplacedByAWorkingToken()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var dataDir = new ScratchDirectory("empty-token");
        var tokenFile = Path.Combine(dataDir.FullPath, "admin.token");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (new FileStream(tokenFile, options))
        {
            // Created, never written: what SIGKILL right after the create leaves.
        }

        await using var host = await SlurpHostProcess.StartReadyAsync(dataDir.FullPath, bootstrapAdminToken: null, TimeSpan.FromSeconds(90), timeout.Token);
        using var api = new SlurpApiClient(host.BaseAddress);
        var token = (await File.ReadAllTextAsync(tokenFile, timeout.Token)).Trim();
        var roles = await api.GetRolesAsync(token, timeout.Token);

        Assert.StartsWith("slurp_", token, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, roles.Status);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
        }
    }
}
