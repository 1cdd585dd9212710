namespace Slurp.Host.Configuration;

/// <summary>The command line the host builds itself from: the caller's, with configuration reload off by default.</summary>
internal static class StartupArguments
{
    /// <summary>
    /// ASP.NET Core's host key for reloading <c>appsettings*.json</c> on change, which it implements with a recursive
    /// file-system watch (inotify on every folder) of the content root.
    /// </summary>
    public const string ReloadKey = "hostBuilder:reloadConfigOnChange";

    /// <summary>
    /// Puts <c>--hostBuilder:reloadConfigOnChange=false</c> before the caller's arguments (a value they give later
    /// still wins). The service reads its options once at start, so a change takes a restart and the watch bought
    /// nothing; it cost, though: with the data folder or PostgreSQL's data directory below the content root (the
    /// embedded default's <c>data/</c> under the folder the host was started in), every commit woke the watcher —
    /// ≈ 0.08 ms on a single writer's PUT here (docs/benchmarks.md, session 7).
    /// </summary>
    public static string[] WithoutConfigReload(string[] args) => [$"--{ReloadKey}=false", .. args];
}
