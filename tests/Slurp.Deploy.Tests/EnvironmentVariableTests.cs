using Slurp.Deploy.Tests.Infrastructure;

namespace Slurp.Deploy.Tests;

/// <summary>Every variable a deployment sets for the host is an option the host reads: a typo fails here, not silently at run time.</summary>
public sealed class EnvironmentVariableTests
{
    public static TheoryData<string> AllDeployments => Deployments.All;

    [Theory]
    [MemberData(nameof(AllDeployments))]
    public void EveryVariableSetForTheHostIsARealOption(string deployment)
    {
        var hosts = Deployments.HostProcesses(deployment);

        Assert.NotEmpty(hosts);
        Assert.All(hosts, h => Assert.NotEmpty(h.Settings));
        Assert.Empty(DeploymentChecks.UnknownSettings(hosts));
    }

    [Theory]
    [MemberData(nameof(AllDeployments))]
    public void EveryReferenceInTheDeploymentResolves(string deployment)
    {
        Assert.Empty(DeploymentChecks.Unresolved(Deployments.HostProcesses(deployment)));
    }

    [Theory]
    [InlineData("deploy/docker-compose.yml", "Slurp__Cluster__SiloPort:", "Slurp__Cluster__SiloPrt:", "Slurp__Cluster__SiloPrt")]
    [InlineData("deploy/kubernetes/10-configmap.yaml", "Slurp__Cluster__SiloPort:", "Slurp__Cluster__SiloPrt:", "Slurp__Cluster__SiloPrt")]
    [InlineData("deploy/kubernetes/30-statefulset.yaml", "name: Slurp__Cluster__AdvertisedIPAddress", "name: Slurp__Cluster__AdvertisedIp", "Slurp__Cluster__AdvertisedIp")]
    [InlineData("deploy/kubernetes/unseal/41-unseal-files.yaml", "Slurp__Seal__UnsealKeyFiles__2", "Slurp__Seal__UnsealKeyFile__2", "Slurp__Seal__UnsealKeyFile__2")]
    [InlineData("deploy/systemd/slurp.env.example", "Slurp__Cluster__SiloPort=", "Slurp__Cluster__SiloPrt=", "Slurp__Cluster__SiloPrt")]
    [InlineData("deploy/systemd/slurp.env.example", "#Slurp__Seal__UnsealKeyFiles__0=", "#Slurp__Seal__UnsealKeyFile__0=", "Slurp__Seal__UnsealKeyFile__0")]
    [InlineData("deploy/systemd/slurp.service", "Environment=Slurp__DataDir=", "Environment=Slurp__DataDirectory=", "Slurp__DataDirectory")]
    [InlineData("deploy/Dockerfile", "Slurp__DataDir=", "Slurp__Data__Dir=", "Slurp__Data__Dir")]
    public void ATypoInADeploymentFileIsReportedWithTheFileAndTheKey(string file, string original, string typo, string key)
    {
        var text = RepositoryFiles.Read(file);
        Assert.Contains(original, text, StringComparison.Ordinal);

        var before = DeploymentChecks.UnknownSettings(Deployments.HostProcesses(Deployments.Of(file)));
        var hosts = Deployments.HostProcesses(Deployments.Of(file), path => path == file
            ? text.Replace(original, typo, StringComparison.Ordinal)
            : RepositoryFiles.Read(path));
        var violations = DeploymentChecks.UnknownSettings(hosts).Except(before).ToList();

        Assert.NotEmpty(violations);
        Assert.All(violations, v => Assert.Contains(key, v, StringComparison.Ordinal));
        Assert.All(violations, v => Assert.Contains(Path.GetFileName(file), v, StringComparison.Ordinal));
    }
}
