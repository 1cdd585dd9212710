using System.Text.Json.Nodes;
using Slurp.Durability.Tests.Hosting;

namespace Slurp.Durability.Tests.Configuration;

/// <summary>
/// The real host started in its data folder (the embedded default's layout: <c>data/</c> below the folder it runs
/// in) watches no files. ASP.NET Core's default reload-on-change watched the content root recursively, so every
/// commit below it woke a watcher thread (docs/benchmarks.md, session 7); the host turns it off
/// (<c>StartupArguments</c>). Linux's <c>/proc</c> shows every inotify watch a process holds.
/// </summary>
[Collection(RealHostCollection.Name)]
public sealed class ConfigurationWatchTests
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task AHostStartedInItsDataFolderHoldsNoFileWatch()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var dataDir = new ScratchDirectory("no-watch");
        Directory.CreateDirectory(Path.Combine(dataDir.FullPath, "nested", "deeper"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var host = await SlurpHostProcess.StartReadyAsync(dataDir.FullPath, "no-watch-admin", ReadyTimeout, timeout.Token);
        using var client = new SlurpApiClient(host.BaseAddress);
        var agentToken = await client.CreateAgentAsync("no-watch-admin", "watch-probe", ["backend_developer"], timeout.Token);
        var written = await client.PutContextAsync(
            agentToken, "ucxl://any:backend_developer@watch:main/src/a.cs",
            new JsonObject { ["summary"] = "a write, so the data folder changes below the content root" }, timeout.Token);

        var watches = InotifyWatches(host.ProcessId);

        Assert.True(written.IsSuccess, written.ToString());
        Assert.Empty(watches);
    }

    // One "inotify wd:..." line per watched folder in the fdinfo of each inotify instance the process holds.
    private static List<string> InotifyWatches(int processId)
    {
        var watches = new List<string>();
        foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{processId}/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(fd).LinkTarget;
            }
            catch (IOException)
            {
                // The descriptor closed between the listing and the look.
                continue;
            }

            if (target == "anon_inode:inotify")
            {
                watches.AddRange(File.ReadLines($"/proc/{processId}/fdinfo/{Path.GetFileName(fd)}")
                    .Where(line => line.StartsWith("inotify wd:", StringComparison.Ordinal)));
            }
        }

        return watches;
    }
}
