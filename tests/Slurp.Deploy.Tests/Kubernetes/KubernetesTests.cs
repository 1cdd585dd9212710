using Slurp.Deploy.Tests.Infrastructure;

namespace Slurp.Deploy.Tests.Kubernetes;

/// <summary>deploy/kubernetes: three silos advertising their pod IPs, a schema Job, Secrets mounted where the options point.</summary>
public sealed class KubernetesTests
{
    private readonly KubernetesManifests _manifests = KubernetesManifests.Load();

    private IEnumerable<KubeWorkload> SiloWorkloads => _manifests.Workloads
        .Where(w => w.HostContainers.Any() && w.Owner.Kind is "StatefulSet" or "Deployment");

    [Fact]
    public void EveryManifestParsesIntoObjectsOfTheSlurpNamespace()
    {
        Assert.All(RepositoryFiles.KubernetesManifests(), f => Assert.Contains(_manifests.Objects, o => o.File == f));
        Assert.All(_manifests.Objects, o => Assert.False(string.IsNullOrEmpty(o.Kind) || string.IsNullOrEmpty(o.Name), $"{o}: kind and metadata.name are required"));
        Assert.Single(_manifests.OfKind("Namespace"), n => n.Name == "slurp");
        Assert.All(_manifests.Objects.Where(o => o.Kind != "Namespace"), o => Assert.Equal("slurp", o.Namespace));
    }

    [Fact]
    public void ThreeSilosRunWithEnvironmentFromTheConfigMapAndTheSecret()
    {
        var workload = Assert.Single(SiloWorkloads);
        var silo = Assert.Single(_manifests.HostProcesses, h => h.RunsSilo);

        Assert.Equal("3", workload.Owner.Spec.Text("replicas"));
        Assert.Contains(silo.Settings, s => s.Origin.Contains("ConfigMap/slurp-config", StringComparison.Ordinal));
        Assert.Contains(silo.Settings, s => s is { Name: "ConnectionStrings__Slurp", Value: null } && s.Origin.Contains("secretKeyRef", StringComparison.Ordinal));
        Assert.Equal("Postgres", silo.Value("Slurp__Storage__Provider"));
    }

    [Fact]
    public void EverySiloAdvertisesItsPodIp()
    {
        var silos = _manifests.HostProcesses.Where(h => h.RunsSilo).ToList();

        Assert.NotEmpty(silos);
        Assert.All(silos, silo =>
        {
            var advertised = Assert.Single(silo.Settings, s => s.Name == "Slurp__Cluster__AdvertisedIPAddress");
            Assert.Equal("env valueFrom fieldRef status.podIP", advertised.Origin);
        });
    }

    [Fact]
    public void AStatefulSetsSilosStartInParallelBehindAHeadlessGoverningService()
    {
        foreach (var workload in SiloWorkloads.Where(w => w.Owner.Kind == "StatefulSet"))
        {
            // A sealed silo is never Ready: OrderedReady would hold back every pod after the first.
            Assert.Equal("Parallel", workload.Owner.Spec.Text("podManagementPolicy"));
            var governing = _manifests.Find("Service", workload.Owner.Spec.Text("serviceName") ?? "", workload.Owner.Namespace);
            Assert.NotNull(governing);
            Assert.Equal("None", governing.Spec.Text("clusterIP"));
        }
    }

    [Fact]
    public void AnHttpServiceSelectsTheSilos()
    {
        foreach (var workload in SiloWorkloads)
        {
            Assert.Contains(_manifests.OfKind("Service"), s =>
                s.Spec.Text("clusterIP") != "None" &&
                workload.IsSelectedBy(s.Spec.Get("selector"), s.Namespace) &&
                s.Spec.Get("ports").Items().Any(p => p.Text("name") == "http"));
        }
    }

    [Fact]
    public void TheDbInitJobRunsTheHostImageOnceWithTheSameConfiguration()
    {
        var job = Assert.Single(_manifests.Workloads, w => w.Owner.Kind == "Job");
        var dbInit = Assert.Single(_manifests.HostProcesses, h => !h.RunsSilo);
        var silo = Assert.Single(_manifests.HostProcesses, h => h.RunsSilo);

        Assert.Contains(job.PodSpec.Text("restartPolicy"), new[] { "OnFailure", "Never" });
        Assert.Equal("Postgres", dbInit.Value("Slurp__Storage__Provider"));
        Assert.Equal(
            silo.Settings.Single(s => s.Name == "ConnectionStrings__Slurp").Origin,
            dbInit.Settings.Single(s => s.Name == "ConnectionStrings__Slurp").Origin);
    }

    [Fact]
    public void UnsealKeyFilesAreKeysOfTheSecretMountedAtThatPath()
    {
        var checkedFiles = 0;
        foreach (var workload in SiloWorkloads)
        {
            var container = Assert.Single(workload.HostContainers);
            var host = _manifests.HostProcesses.Single(h => h.RunsSilo && h.File == workload.Owner.File);
            foreach (var file in host.Settings.Where(s => s.Name.StartsWith("Slurp__Seal__UnsealKeyFiles__", StringComparison.Ordinal)).Select(s => s.Value!))
            {
                var mount = container.Get("volumeMounts").Items().SingleOrDefault(m => file.StartsWith(m.Text("mountPath") + "/", StringComparison.Ordinal));
                Assert.True(mount is not null, $"{host}: {file} is under no volumeMount");
                var secretName = workload.Volume(mount.Text("name")!).Get("secret").Text("secretName");
                var secret = _manifests.Find("Secret", secretName ?? "", workload.Owner.Namespace);
                Assert.True(secret is not null, $"{host}: {file} is not on a volume of a Secret in the manifests");
                var key = file[(mount.Text("mountPath")!.Length + 1)..];
                Assert.Contains(key, KubernetesManifests.DataOf(secret).Select(d => d.Key));
                Assert.Equal("true", mount.Text("readOnly"));
                checkedFiles++;
            }
        }

        Assert.True(checkedFiles >= 3);
    }

    [Fact]
    public void SettingsThatNeedInitAreOptionalSoTheSilosCanStartSealedFirst()
    {
        foreach (var container in SiloWorkloads.SelectMany(w => w.HostContainers.Select(c => (Workload: w, Container: c))))
        {
            var unsealFiles = container.Container.Get("envFrom").Items()
                .Select(e => e.Get("configMapRef"))
                .Single(r => r is not null && _manifests.Find("ConfigMap", r.Text("name")!, container.Workload.Owner.Namespace) is { } cm &&
                             KubernetesManifests.DataOf(cm).Any(d => d.Key.StartsWith("Slurp__Seal__UnsealKeyFiles__", StringComparison.Ordinal)));
            Assert.Equal("true", unsealFiles.Text("optional"));
            Assert.All(container.Workload.PodSpec.Get("volumes").Items().Where(v => v.Get("secret") is not null), v => Assert.Equal("true", v.Get("secret").Text("optional")));
        }
    }

    [Fact]
    public void ConfigMapDataAndEnvValuesAreStrings()
    {
        var notStrings = new List<string>();
        foreach (var data in _manifests.OfKind("ConfigMap").Concat(_manifests.OfKind("Secret")))
        {
            notStrings.AddRange(KubernetesManifests.DataOf(data).Where(d => !d.Value.IsString()).Select(d => $"{data}: {d.Key}"));
        }

        foreach (var workload in _manifests.Workloads)
        {
            notStrings.AddRange(workload.Containers
                .SelectMany(c => c.Get("env").Items())
                .Where(e => e.Get("value") is { } value && !value.IsString())
                .Select(e => $"{workload.Owner}: env {e.Text("name")}"));
        }

        Assert.Empty(notStrings);
    }

    [Fact]
    public void AnUnquotedNumberInTheConfigMapIsCaught()
    {
        var objects = KubernetesManifests.Parse([("x.yaml", "kind: ConfigMap\nmetadata: {name: c}\ndata:\n  Slurp__Cluster__SiloPort: 11111\n")]);

        Assert.False(KubernetesManifests.DataOf(Assert.Single(objects.Objects)).Single().Value.IsString());
    }

    [Fact]
    public void ThePlaceholderSecretsSayHowToCreateThemFromInit()
    {
        var unseal = Assert.Single(_manifests.OfKind("Secret"), s => s.Name == "slurp-unseal");
        var text = RepositoryFiles.Read(unseal.File);

        Assert.Contains("POST /v1/sys/init", text, StringComparison.Ordinal);
        Assert.Contains("kubectl -n slurp create secret generic slurp-unseal", text, StringComparison.Ordinal);
        Assert.All(KubernetesManifests.DataOf(unseal), d => Assert.StartsWith("REPLACE_WITH_", d.Value.Text(), StringComparison.Ordinal));
    }

    [Fact]
    public void SilosRunAsTheImagesNonRootUserWithAReadOnlyRoot()
    {
        foreach (var workload in _manifests.Workloads.Where(w => w.HostContainers.Any()))
        {
            Assert.Equal("true", workload.PodSpec.Get("securityContext").Text("runAsNonRoot"));
            Assert.All(workload.HostContainers, c =>
            {
                Assert.Equal("false", c.Get("securityContext").Text("allowPrivilegeEscalation"));
                Assert.Equal("true", c.Get("securityContext").Text("readOnlyRootFilesystem"));
                Assert.Contains(c.Get("volumeMounts").Items(), m => m.Text("mountPath") == "/var/lib/slurp");
            });
        }
    }
}
