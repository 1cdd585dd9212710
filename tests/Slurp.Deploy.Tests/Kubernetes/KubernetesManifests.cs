using System.Globalization;
using Slurp.Deploy.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Slurp.Deploy.Tests.Kubernetes;

/// <summary>One object of a manifest.</summary>
internal sealed record KubeObject(string File, string Kind, string Name, string Namespace, YamlMappingNode Node)
{
    public YamlNode? Spec => Node.Get("spec");

    public override string ToString() => $"{File}: {Kind}/{Name}";
}

/// <summary>An object that runs pods (StatefulSet, Deployment, Job, …) and its pod template.</summary>
internal sealed record KubeWorkload(KubeObject Owner, YamlNode Template)
{
    public IReadOnlyDictionary<string, string> Labels => Template.Get("metadata").Get("labels").Entries()
        .ToDictionary(e => e.Key, e => e.Value.Text() ?? "");

    public YamlNode? PodSpec => Template.Get("spec");

    public IEnumerable<YamlNode> Containers =>
        PodSpec.Get("initContainers").Items().Concat(PodSpec.Get("containers").Items());

    public IEnumerable<YamlNode> HostContainers => Containers.Where(c => HostImage.Matches(c.Text("image")));

    public YamlNode? Volume(string name) => PodSpec.Get("volumes").Items().FirstOrDefault(v => v.Text("name") == name);

    /// <summary>Whether a label selector (matchLabels or a Service's plain map; empty = every pod) picks this workload's pods.</summary>
    public bool IsSelectedBy(YamlNode? selector, string @namespace) =>
        @namespace == Owner.Namespace &&
        (selector.Get("matchLabels") ?? selector).Entries().All(l => Labels.TryGetValue(l.Key, out var v) && v == l.Value.Text());
}

/// <summary>Every Kubernetes manifest under deploy/kubernetes (multi-document files, sub-folders included).</summary>
internal sealed class KubernetesManifests
{
    private static readonly string[] ProbeKinds = ["readinessProbe", "livenessProbe", "startupProbe"];

    private KubernetesManifests(IReadOnlyList<KubeObject> objects) => Objects = objects;

    public IReadOnlyList<KubeObject> Objects { get; }

    public IEnumerable<KubeObject> OfKind(string kind) => Objects.Where(o => o.Kind == kind);

    public IEnumerable<KubeWorkload> Workloads => Objects.Select(o => o.Kind switch
        {
            "Pod" => new KubeWorkload(o, o.Node),
            "CronJob" => new KubeWorkload(o, o.Spec.Get("jobTemplate").Get("spec").Get("template")!),
            "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" => new KubeWorkload(o, o.Spec.Get("template")!),
            _ => null,
        })
        .OfType<KubeWorkload>();

    /// <summary>Every container running the host image, as a host process.</summary>
    public IEnumerable<HostProcess> HostProcesses =>
        Workloads.SelectMany(w => w.HostContainers.Select(c => ToHostProcess(w, c)));

    public static KubernetesManifests Load(Func<string, string>? readFile = null) =>
        Parse(RepositoryFiles.KubernetesManifests().Select(f => (f, (readFile ?? RepositoryFiles.Read)(f))));

    public static KubernetesManifests Parse(IEnumerable<(string File, string Text)> files) =>
        new(files.SelectMany(f => YamlTree.LoadAll(f.Text).OfType<YamlMappingNode>().Select(d => new KubeObject(
                f.File,
                d.Text("kind") ?? "",
                d.Get("metadata").Text("name") ?? "",
                d.Get("metadata").Text("namespace") ?? "default",
                d)))
            .ToList());

    public KubeObject? Find(string kind, string name, string @namespace) =>
        Objects.FirstOrDefault(o => o.Kind == kind && o.Name == name && o.Namespace == @namespace);

    /// <summary>The keys a ConfigMap or Secret holds (data and stringData).</summary>
    public static IEnumerable<KeyValuePair<string, YamlNode>> DataOf(KubeObject configMapOrSecret) =>
        configMapOrSecret.Node.Get("data").Entries().Concat(configMapOrSecret.Node.Get("stringData").Entries());

    private HostProcess ToHostProcess(KubeWorkload workload, YamlNode container)
    {
        var arguments = container.Get("command").Items().Concat(container.Get("args").Items()).Select(a => a.Text() ?? "").ToList();
        var host = new HostProcess(workload.Owner.File, $"{workload.Owner.Kind}/{workload.Owner.Name} container {container.Text("name")}", !HostImage.IsDbInit(arguments));
        AddSettings(host, workload, container);

        var named = container.Get("ports").Items()
            .Where(p => p.Text("name") is not null)
            .ToDictionary(p => p.Text("name")!, p => p.Text("containerPort"));
        int? Resolve(string? port, string where)
        {
            var number = port is not null && named.TryGetValue(port, out var byName) ? byName : port;
            if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var resolved))
            {
                return resolved;
            }

            host.Unresolved.Add($"{where}: port '{port}' is neither a number nor a port name of the container");
            return null;
        }

        foreach (var port in container.Get("ports").Items())
        {
            if (Resolve(port.Text("containerPort"), "containerPort") is { } containerPort)
            {
                host.Ports.Add(new PortUse(containerPort, $"containerPort {port.Text("name")}"));
            }
        }

        foreach (var kind in ProbeKinds)
        {
            var probe = container.Get(kind);
            if (probe is null)
            {
                continue;
            }

            var action = probe.Get("httpGet") ?? probe.Get("tcpSocket") ?? probe.Get("grpc");
            if (action is null)
            {
                host.Unresolved.Add($"{kind} is not an httpGet, tcpSocket or grpc probe");
                continue;
            }

            if (Resolve(action.Text("port"), kind) is { } probePort)
            {
                host.Ports.Add(new PortUse(probePort, $"{kind} port {action.Text("port")}"));
            }

            host.Probes.Add(new HealthProbe(kind, action.Text("path") ?? "(no HTTP path)", $"{kind} {action.Text("path")}"));
        }

        foreach (var service in OfKind("Service").Where(s => s.Spec.Get("selector").Entries().Any() && workload.IsSelectedBy(s.Spec.Get("selector"), s.Namespace)))
        {
            foreach (var port in service.Spec.Get("ports").Items())
            {
                var target = port.Text("targetPort") ?? port.Text("port");
                if (Resolve(target, $"Service/{service.Name} targetPort") is { } targetPort)
                {
                    host.Ports.Add(new PortUse(targetPort, $"Service/{service.Name} ({service.File}) targetPort {target}"));
                }
            }
        }

        foreach (var policy in OfKind("NetworkPolicy").Where(p => workload.IsSelectedBy(p.Spec.Get("podSelector"), p.Namespace)))
        {
            foreach (var port in policy.Spec.Get("ingress").Items().SelectMany(rule => rule.Get("ports").Items()))
            {
                if (Resolve(port.Text("port"), $"NetworkPolicy/{policy.Name}") is { } allowed)
                {
                    host.Ports.Add(new PortUse(allowed, $"NetworkPolicy/{policy.Name} ({policy.File}) ingress port {port.Text("port")}"));
                }
            }
        }

        return host;
    }

    private void AddSettings(HostProcess host, KubeWorkload workload, YamlNode container)
    {
        // envFrom first: a variable in env overrides one of the same name from envFrom.
        foreach (var source in container.Get("envFrom").Items())
        {
            var (kind, reference) = source.Get("configMapRef") is { } configMap ? ("ConfigMap", configMap) : ("Secret", source.Get("secretRef"));
            var name = reference.Text("name") ?? "";
            var found = Find(kind, name, workload.Owner.Namespace);
            if (found is null)
            {
                if (reference.Text("optional") != "true")
                {
                    host.Unresolved.Add($"envFrom {kind} '{name}' is in no manifest and not optional");
                }

                continue;
            }

            foreach (var (key, value) in DataOf(found))
            {
                host.Settings.Add(new Setting(source.Text("prefix") + key, kind == "ConfigMap" ? value.Text() : null, $"envFrom {found}"));
            }
        }

        foreach (var variable in container.Get("env").Items())
        {
            var name = variable.Text("name") ?? "";
            var from = variable.Get("valueFrom");
            if (from is null)
            {
                host.Settings.Add(new Setting(name, variable.Text("value") ?? "", "env"));
            }
            else if (from.Get("configMapKeyRef") is { } key)
            {
                var configMap = Find("ConfigMap", key.Text("name") ?? "", workload.Owner.Namespace);
                host.Settings.Add(new Setting(name, configMap is null ? null : DataOf(configMap).FirstOrDefault(d => d.Key == key.Text("key")).Value.Text(), "env configMapKeyRef"));
            }
            else
            {
                var origin = from.Entries().FirstOrDefault();
                host.Settings.Add(new Setting(name, null, $"env valueFrom {origin.Key} {origin.Value.Text("fieldPath") ?? origin.Value.Text("name")}"));
            }
        }
    }
}
