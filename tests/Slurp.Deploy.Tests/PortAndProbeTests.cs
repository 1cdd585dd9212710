using System.Net;
using Slurp.Deploy.Tests.Infrastructure;

namespace Slurp.Deploy.Tests;

/// <summary>Ports and health checks agree with what the host is configured to listen on and serve.</summary>
public sealed class PortAndProbeTests
{
    private static readonly string[] HealthPaths = ["/health/ready", "/health/live"];

    public static TheoryData<string> AllDeployments => Deployments.All;

    public static TheoryData<string> ContainerDeployments => new() { Deployments.Compose, Deployments.Kubernetes, Deployments.Image };

    [Theory]
    [MemberData(nameof(AllDeployments))]
    public void EveryPortAHostUsesIsItsHttpSiloOrGatewayPort(string deployment)
    {
        Assert.Empty(DeploymentChecks.PortsOutsideConfiguration(Deployments.HostProcesses(deployment)));
    }

    [Theory]
    [MemberData(nameof(ContainerDeployments))]
    public void AContainerListensForHttpBeyondItsLoopback(string deployment)
    {
        var loopbackOnly = Deployments.HostProcesses(deployment)
            .Where(h => h.RunsSilo && h.HttpUrls.Any(u => u.Host == "localhost" || (IPAddress.TryParse(u.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip))))
            .Select(h => $"{h}: {string.Join(';', h.HttpUrls)}");

        Assert.Empty(loopbackOnly);
    }

    [Theory]
    [InlineData("deploy/docker-compose.yml", "\"5081:8080\"", "\"5081:8081\"", "8081")]
    [InlineData("deploy/docker-compose.yml", "/dev/tcp/127.0.0.1/8080", "/dev/tcp/127.0.0.1/80", "port 80,")]
    [InlineData("deploy/kubernetes/30-statefulset.yaml", "containerPort: 11111", "containerPort: 11112", "11112")]
    [InlineData("deploy/kubernetes/31-services.yaml", "targetPort: 8080", "targetPort: 8008", "8008")]
    [InlineData("deploy/kubernetes/10-configmap.yaml", "Slurp__Cluster__GatewayPort: \"30000\"", "Slurp__Cluster__GatewayPort: \"30001\"", "30000")]
    [InlineData("deploy/Dockerfile", "EXPOSE 8080 11111 30000", "EXPOSE 8080 11111 3000", "3000")]
    public void APortThatDriftedFromTheConfigurationIsReported(string file, string original, string drifted, string expected)
    {
        var text = RepositoryFiles.Read(file);
        Assert.Contains(original, text, StringComparison.Ordinal);

        var hosts = Deployments.HostProcesses(Deployments.Of(file), path => path == file
            ? text.Replace(original, drifted, StringComparison.Ordinal)
            : RepositoryFiles.Read(path));

        Assert.Contains(DeploymentChecks.PortsOutsideConfiguration(hosts), v => v.Contains(expected, StringComparison.Ordinal) && v.Contains(Path.GetFileName(file), StringComparison.Ordinal));
    }

    [Fact]
    public void KubernetesReadinessProbesAskIfReadyAndLivenessProbesIfLive()
    {
        var silos = Deployments.HostProcesses(Deployments.Kubernetes).Where(h => h.RunsSilo).ToList();

        Assert.NotEmpty(silos);
        Assert.All(silos, silo =>
        {
            Assert.Equal("/health/ready", Assert.Single(silo.Probes, p => p.Kind == "readinessProbe").Path);
            Assert.Equal("/health/live", Assert.Single(silo.Probes, p => p.Kind == "livenessProbe").Path);
            Assert.All(silo.Probes, p => Assert.Contains(p.Path, HealthPaths));
        });
    }

    [Fact]
    public void EveryComposeSiloHasAHealthcheckOnReadiness()
    {
        var silos = Deployments.HostProcesses(Deployments.Compose).Where(h => h.RunsSilo).ToList();

        Assert.NotEmpty(silos);
        Assert.All(silos, silo => Assert.Equal("/health/ready", Assert.Single(silo.Probes).Path));
    }

    [Fact]
    public void AProbeOnAPathTheHostDoesNotServeIsCaught()
    {
        var file = "deploy/kubernetes/30-statefulset.yaml";
        var text = RepositoryFiles.Read(file).Replace("path: /health/live", "path: /healthz", StringComparison.Ordinal);

        var silo = Deployments.HostProcesses(Deployments.Kubernetes, p => p == file ? text : RepositoryFiles.Read(p)).First(h => h.RunsSilo);

        Assert.Contains(silo.Probes, p => p.Kind == "livenessProbe" && !HealthPaths.Contains(p.Path));
    }
}
