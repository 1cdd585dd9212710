using Slurp.Deploy.Tests.Compose;
using Slurp.Deploy.Tests.Kubernetes;
using Slurp.Deploy.Tests.Systemd;

namespace Slurp.Deploy.Tests.Infrastructure;

/// <summary>The four places that start the host image or binary, each read into host processes.</summary>
internal static class Deployments
{
    public const string Compose = "compose";
    public const string Kubernetes = "kubernetes";
    public const string Systemd = "systemd";
    public const string Image = "image";

    public static TheoryData<string> All => new() { Compose, Kubernetes, Systemd, Image };

    /// <summary>The host processes a deployment describes; <paramref name="read"/> (relative path → text) lets a test alter one file.</summary>
    public static IReadOnlyList<HostProcess> HostProcesses(string deployment, Func<string, string>? read = null)
    {
        read ??= RepositoryFiles.Read;
        string Text(string path) => read(RepositoryFiles.Relative(path));
        return deployment switch
        {
            Compose => ComposeProject.Parse(RepositoryFiles.Relative(RepositoryFiles.ComposeFile), Text(RepositoryFiles.ComposeFile))
                .HostServices.Select(s => s.Host).ToList(),
            Kubernetes => KubernetesManifests.Load(read).HostProcesses.ToList(),
            Systemd => [SystemdFiles.HostProcess(Text(RepositoryFiles.SystemdUnit), Text(RepositoryFiles.SystemdEnvExample))],
            Image => [Docker.Dockerfile.HostProcess(Text(RepositoryFiles.Dockerfile))],
            _ => throw new ArgumentOutOfRangeException(nameof(deployment), deployment, "unknown deployment"),
        };
    }

    /// <summary>The deployment a file belongs to.</summary>
    public static string Of(string relativePath) => relativePath switch
    {
        _ when relativePath.EndsWith("docker-compose.yml", StringComparison.Ordinal) => Compose,
        _ when relativePath.Contains("/kubernetes/", StringComparison.Ordinal) => Kubernetes,
        _ when relativePath.Contains("/systemd/", StringComparison.Ordinal) => Systemd,
        _ when relativePath.EndsWith("Dockerfile", StringComparison.Ordinal) => Image,
        _ => throw new ArgumentOutOfRangeException(nameof(relativePath), relativePath, "not a deployment file"),
    };
}
