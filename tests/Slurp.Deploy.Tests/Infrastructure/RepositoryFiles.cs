namespace Slurp.Deploy.Tests.Infrastructure;

/// <summary>The deployment files under test, found from the test binary by walking up to the repository root.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Deploy => Path.Combine(Root, "deploy");

    public static string ComposeFile => Path.Combine(Deploy, "docker-compose.yml");

    public static string KubernetesFolder => Path.Combine(Deploy, "kubernetes");

    public static string SystemdUnit => Path.Combine(Deploy, "systemd", "slurp.service");

    public static string SystemdEnvExample => Path.Combine(Deploy, "systemd", "slurp.env.example");

    public static string Dockerfile => Path.Combine(Deploy, "Dockerfile");

    public static string AppSettings => Path.Combine(Root, "appsettings", "appsettings.json");

    /// <summary>Every Kubernetes manifest, in apply order (folders included), as paths relative to the root.</summary>
    public static IReadOnlyList<string> KubernetesManifests() =>
        Directory.EnumerateFiles(KubernetesFolder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(Relative)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The path relative to the repository root, with forward slashes: how failures name a file.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    public static string Read(string relativeOrAbsolute) =>
        File.ReadAllText(Path.IsPathRooted(relativeOrAbsolute) ? relativeOrAbsolute : Path.Combine(Root, relativeOrAbsolute));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "deploy", "docker-compose.yml")) &&
                Directory.Exists(Path.Combine(folder.FullName, "src", "Slurp.Host")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no repository root with deploy/docker-compose.yml above {AppContext.BaseDirectory}");
    }
}
