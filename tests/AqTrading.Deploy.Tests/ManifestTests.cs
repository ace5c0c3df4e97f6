using System.Text.RegularExpressions;
using System.Xml.Linq;
using k8s;
using k8s.Models;

namespace AqTrading.Deploy.Tests;

/// <summary>What both overlays must satisfy, checked on the rendered, typed objects against AppHost.cs.</summary>
public partial class ManifestTests
{
    public static TheoryData<string> Overlays => new() { "dev", "prod" };

    /// <summary>Services that must run as exactly one instance: risk's exposure reservations, the paper broker's working
    /// orders, the simulated feed and bar aggregation, and the live strategy runners all live in process memory.</summary>
    internal static readonly string[] SingleInstance = ["risk", "orders", "market-data", "strategies"];

    private static readonly AppHostModel AppHost = AppHostModel.Load();

    private static V1Container App(V1Deployment d) => Assert.Single(d.Spec.Template.Spec.Containers);

    private static string? Get(IDictionary<string, string>? labels, string key) => labels is not null && labels.TryGetValue(key, out var v) ? v : null;

    [Theory, MemberData(nameof(Overlays))]
    public void Every_AppHost_project_has_a_Deployment_and_a_ClusterIP_Service_on_8080(string overlay)
    {
        var k = Kustomize.Render(overlay);
        Assert.Equal(AppHost.All.Select(r => r.Name).Order(), k.Deployments.Select(d => d.Metadata.Name).Order());

        foreach (var deployment in k.Deployments)
        {
            var name = deployment.Metadata.Name;
            var service = k.Of<V1Service>().SingleOrDefault(s => s.Metadata.Name == name);
            Assert.True(service is not null, $"{overlay}: Deployment {name} has no Service {name}.");
            Assert.Equal("ClusterIP", service.Spec.Type ?? "ClusterIP");
            Assert.Null(service.Spec.ClusterIP);
            var port = Assert.Single(service.Spec.Ports);
            Assert.Equal(8080, port.Port);

            var container = App(deployment);
            var containerPort = Assert.Single(container.Ports);
            Assert.Equal(8080, containerPort.ContainerPort);
            Assert.Contains(port.TargetPort.Value, new[] { "8080", containerPort.Name });

            var podLabels = deployment.Spec.Template.Metadata.Labels;
            Assert.All(service.Spec.Selector, s => Assert.Equal(s.Value, Get(podLabels, s.Key)));
            Assert.All(deployment.Spec.Selector.MatchLabels, s => Assert.Equal(s.Value, Get(podLabels, s.Key)));
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Every_Deployment_is_probed_on_health_and_alive_with_room_for_migrations_at_start(string overlay)
    {
        foreach (var deployment in Kustomize.Render(overlay).Deployments)
        {
            var c = App(deployment);
            var name = deployment.Metadata.Name;
            Assert.True(c.ReadinessProbe?.HttpGet is not null, $"{name}: no HTTP readiness probe");
            Assert.True(c.LivenessProbe?.HttpGet is not null, $"{name}: no HTTP liveness probe");
            Assert.True(c.StartupProbe?.HttpGet is not null, $"{name}: no HTTP startup probe");
            Assert.Equal("/health", c.ReadinessProbe.HttpGet.Path);
            Assert.Equal("/alive", c.LivenessProbe.HttpGet.Path);
            Assert.Equal("/alive", c.StartupProbe.HttpGet.Path);
            foreach (var probe in new[] { c.ReadinessProbe, c.LivenessProbe, c.StartupProbe })
            {
                Assert.Contains(probe.HttpGet.Port.Value, new[] { "8080", "http" });
            }

            // DatabaseMigrator retries for a minute before the server listens; the startup probe must outlast that.
            var startupBudget = (c.StartupProbe.PeriodSeconds ?? 10) * (c.StartupProbe.FailureThreshold ?? 3);
            Assert.True(startupBudget >= 120, $"{name}: startup probe gives only {startupBudget} s for migrations.");
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Every_workload_requests_and_limits_cpu_and_memory(string overlay)
    {
        var k = Kustomize.Render(overlay);
        var containers = k.Deployments.SelectMany(d => d.Spec.Template.Spec.Containers.Select(c => (d.Metadata.Name, c)))
            .Concat(k.Of<V1StatefulSet>().SelectMany(s => s.Spec.Template.Spec.Containers.Select(c => (s.Metadata.Name, c))));
        foreach (var (owner, c) in containers)
        {
            foreach (var resource in new[] { "cpu", "memory" })
            {
                Assert.True(c.Resources?.Requests?.ContainsKey(resource) == true, $"{owner}: no {resource} request");
                Assert.True(c.Resources?.Limits?.ContainsKey(resource) == true, $"{owner}: no {resource} limit");
                Assert.True(c.Resources.Requests[resource].ToDecimal() <= c.Resources.Limits[resource].ToDecimal(),
                    $"{owner}: {resource} request above its limit");
            }
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Every_workload_runs_as_non_root_without_privileges(string overlay)
    {
        var k = Kustomize.Render(overlay);
        var pods = k.Deployments.Select(d => (d.Metadata.Name, d.Spec.Template.Spec, App: true))
            .Concat(k.Of<V1StatefulSet>().Select(s => (s.Metadata.Name, s.Spec.Template.Spec, App: false)));
        foreach (var (owner, pod, app) in pods)
        {
            Assert.False(pod.AutomountServiceAccountToken ?? true, $"{owner}: mounts a service account token it does not use");
            Assert.False(pod.HostNetwork ?? false);
            foreach (var c in pod.Containers)
            {
                var nonRoot = c.SecurityContext?.RunAsNonRoot ?? pod.SecurityContext?.RunAsNonRoot;
                var user = c.SecurityContext?.RunAsUser ?? pod.SecurityContext?.RunAsUser;
                Assert.True(nonRoot == true, $"{owner}/{c.Name}: runAsNonRoot is not set");
                Assert.True(user is > 0, $"{owner}/{c.Name}: no non-zero runAsUser");
                Assert.Equal("RuntimeDefault", (c.SecurityContext?.SeccompProfile ?? pod.SecurityContext?.SeccompProfile)?.Type);
                Assert.False(c.SecurityContext?.AllowPrivilegeEscalation ?? true, $"{owner}/{c.Name}: privilege escalation allowed");
                Assert.False(c.SecurityContext?.Privileged ?? false);
                Assert.Equal(["ALL"], c.SecurityContext?.Capabilities?.Drop ?? []);
                Assert.Null(c.SecurityContext?.Capabilities?.Add);
                if (app)
                {
                    Assert.True(c.SecurityContext?.ReadOnlyRootFilesystem == true, $"{owner}: root filesystem is writable");
                    Assert.Equal(1654, user); // the aspnet image's `app` user, as Directory.Build.targets sets ContainerUser
                }
            }
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Each_service_gets_exactly_its_AppHost_connection_strings_and_only_from_Secrets(string overlay)
    {
        var k = Kustomize.Render(overlay);
        foreach (var resource in AppHost.All)
        {
            var env = k.EnvironmentOf(App(k.Deployment(resource.Name)));
            var connections = env.Where(e => e.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList();
            Assert.Equal(AppHost.ConnectionsOf(resource).Select(c => $"ConnectionStrings__{c}").Order(), connections.Select(c => c.Key).Order());
            foreach (var (key, source) in connections)
            {
                Assert.True(source.Secret is not null, $"{resource.Name}: {key} does not come from a Secret (secretKeyRef).");
                Assert.Equal(key["ConnectionStrings__".Length..], source.Secret.Key);
                Assert.False(source.Secret.Optional ?? false, $"{resource.Name}: {key} is optional; a missing Secret must stop the pod.");
            }
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Each_service_discovers_exactly_the_resources_it_references_in_the_AppHost(string overlay)
    {
        var k = Kustomize.Render(overlay);
        foreach (var resource in AppHost.All)
        {
            var env = k.EnvironmentOf(App(k.Deployment(resource.Name)));
            var discovery = env.Where(e => e.Key.StartsWith("services__", StringComparison.Ordinal)).ToDictionary(e => e.Key, e => e.Value.Literal);
            Assert.Equal(resource.References.Select(r => $"services__{r}__http__0").Order(), discovery.Keys.Order());
            foreach (var referenced in resource.References)
            {
                Assert.Equal($"http://{referenced}:8080", discovery[$"services__{referenced}__http__0"]);
                Assert.Contains(k.Of<V1Service>(), s => s.Metadata.Name == referenced && s.Spec.Ports.Any(p => p.Port == 8080));
            }

            Assert.Equal(resource.Name, env["OTEL_SERVICE_NAME"].Literal);
            Assert.Equal("8080", env["ASPNETCORE_HTTP_PORTS"].Literal);
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Each_service_gets_the_literal_environment_the_AppHost_gives_it(string overlay)
    {
        var k = Kustomize.Render(overlay);
        Assert.Contains(AppHost.All, r => r.Environment.ContainsKey("DOTNET_GCgen0size")); // the parser sees them
        foreach (var resource in AppHost.All)
        {
            var env = k.EnvironmentOf(App(k.Deployment(resource.Name)));
            foreach (var (name, value) in resource.Environment)
            {
                Assert.True(env.TryGetValue(name, out var given), $"{resource.Name}: the AppHost sets {name}, the manifest does not.");
                Assert.Equal(value, given.Literal);
            }
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void No_password_is_written_into_a_Deployment_or_a_ConfigMap(string overlay)
    {
        var k = Kustomize.Render(overlay);
        var literals = k.Of<V1ConfigMap>().SelectMany(c => (c.Data ?? new Dictionary<string, string>()).Select(d => ($"ConfigMap {c.Metadata.Name}", d.Key, d.Value)))
            .Concat(k.Deployments.Concat<object>(k.Of<V1StatefulSet>()).SelectMany(w =>
            {
                var (name, spec) = w is V1Deployment d ? (d.Metadata.Name, d.Spec.Template.Spec) : (((V1StatefulSet)w).Metadata.Name, ((V1StatefulSet)w).Spec.Template.Spec);
                return spec.Containers.SelectMany(c => (c.Env ?? []).Where(e => e.Value is not null).Select(e => (name, e.Name, e.Value)));
            }));
        foreach (var (owner, key, value) in literals)
        {
            Assert.False(SecretLooking().IsMatch(value), $"{overlay}: {owner} {key} carries a credential in plain text: {value}");
            Assert.False(SecretKeyName().IsMatch(key) && !key.EndsWith("_FILE", StringComparison.Ordinal),
                $"{overlay}: {owner} sets {key} as a literal; take it from a Secret.");
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void HPAs_scale_existing_Deployments_and_single_instance_services_stay_single(string overlay)
    {
        var k = Kustomize.Render(overlay);
        var hpas = k.Of<V2HorizontalPodAutoscaler>().ToList();
        foreach (var hpa in hpas)
        {
            var target = hpa.Spec.ScaleTargetRef;
            Assert.Equal(("apps/v1", "Deployment"), (target.ApiVersion, target.Kind));
            var deployment = k.Deployments.SingleOrDefault(d => d.Metadata.Name == target.Name);
            Assert.True(deployment is not null, $"{overlay}: HPA {hpa.Metadata.Name} targets a missing Deployment {target.Name}.");
            Assert.Null(deployment.Spec.Replicas); // else every apply resets the autoscaler's count
            Assert.InRange(hpa.Spec.MinReplicas ?? 1, 1, hpa.Spec.MaxReplicas);
            Assert.NotEmpty(hpa.Spec.Metrics);
            Assert.All(hpa.Spec.Metrics.Where(m => m.Resource is not null),
                m => Assert.True(App(deployment).Resources.Requests.ContainsKey(m.Resource.Name), $"{target.Name}: HPA on {m.Resource.Name} without a request"));
        }

        var scaled = hpas.Select(h => h.Spec.ScaleTargetRef.Name).ToList();
        Assert.Equal(scaled.Distinct().Count(), scaled.Count);
        Assert.Equal(AppHost.All.Select(r => r.Name).Except(SingleInstance).Order(), scaled.Order());
        Assert.Contains("backtest", scaled);
        foreach (var name in SingleInstance)
        {
            var deployment = k.Deployment(name);
            Assert.Equal(1, deployment.Spec.Replicas);
            Assert.Equal("Recreate", deployment.Spec.Strategy?.Type); // never two instances, not even during a rollout
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void PodDisruptionBudgets_cover_exactly_the_Deployments_that_run_more_than_one_pod(string overlay)
    {
        var k = Kustomize.Render(overlay);
        var pdbs = k.Of<V1PodDisruptionBudget>().ToList();
        foreach (var deployment in k.Deployments)
        {
            var hpa = k.Of<V2HorizontalPodAutoscaler>().SingleOrDefault(h => h.Spec.ScaleTargetRef.Name == deployment.Metadata.Name);
            var minimum = hpa?.Spec.MinReplicas ?? deployment.Spec.Replicas ?? 1;
            var labels = deployment.Spec.Template.Metadata.Labels;
            var covering = pdbs.Where(p => p.Spec.Selector.MatchLabels.All(l => Get(labels, l.Key) == l.Value)).ToList();
            if (minimum > 1)
            {
                var pdb = Assert.Single(covering);
                Assert.True(pdb.Spec.MinAvailable is not null || pdb.Spec.MaxUnavailable is not null);
            }
            else
            {
                Assert.True(covering.Count == 0, $"{overlay}: a PDB on {deployment.Metadata.Name}, which runs one pod, would block every node drain.");
            }
        }

        Assert.All(pdbs, p => Assert.Contains(k.Deployments, d => p.Spec.Selector.MatchLabels.All(l => Get(d.Spec.Template.Metadata.Labels, l.Key) == l.Value)));
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Objects_carry_the_app_kubernetes_io_labels_and_the_overlay_namespace(string overlay)
    {
        var k = Kustomize.Render(overlay);
        var ns = Assert.Single(k.Of<V1Namespace>()).Metadata.Name;
        foreach (var o in k.Objects.OfType<IKubernetesObject<V1ObjectMeta>>().Where(o => o is not V1Namespace))
        {
            var what = $"{overlay}: {o.Kind} {o.Metadata.Name}";
            Assert.True(o.Metadata.NamespaceProperty == ns, $"{what} is not in namespace {ns}");
            var labels = o.Metadata.Labels ?? new Dictionary<string, string>();
            Assert.True(Get(labels, "app.kubernetes.io/part-of") == "aq-trading", $"{what}: no part-of label");
            Assert.True(labels.ContainsKey("app.kubernetes.io/instance"), $"{what}: no instance label");
            Assert.True(Get(labels, "app.kubernetes.io/managed-by") == "kustomize", $"{what}: no managed-by label");
            if (o is not V1Secret && !(o is V1ConfigMap cm && cm.Metadata.Name.StartsWith("aq-", StringComparison.Ordinal)))
            {
                Assert.True(labels.ContainsKey("app.kubernetes.io/name") && labels.ContainsKey("app.kubernetes.io/component"), $"{what}: no name/component label");
            }
        }

        foreach (var deployment in k.Deployments)
        {
            Assert.Equal(deployment.Metadata.Name, deployment.Spec.Selector.MatchLabels["app.kubernetes.io/name"]);
            Assert.Equal(deployment.Metadata.Name, deployment.Spec.Template.Metadata.Labels["app.kubernetes.io/name"]);
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Images_are_the_ones_Directory_Build_targets_publishes_with_a_pinned_tag(string overlay)
    {
        var images = ContainerImagesByProject();
        foreach (var resource in AppHost.All)
        {
            var image = App(Kustomize.Render(overlay).Deployment(resource.Name)).Image;
            Assert.True(images.TryGetValue(resource.Project, out var published), $"Directory.Build.targets publishes no image for {resource.Project}.");
            var colon = image.LastIndexOf(':');
            Assert.True(colon > image.LastIndexOf('/'), $"{overlay}: {resource.Name} runs {image} without a tag.");
            var (repository, tag) = (image[..colon], image[(colon + 1)..]);
            Assert.True(repository == published || repository.EndsWith("/" + published, StringComparison.Ordinal),
                $"{overlay}: {resource.Name} runs {image}, but {resource.Project} is published as {published}.");
            Assert.NotEqual("latest", tag);
            Assert.Equal($"aq-trading/{resource.Name}", published);
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void The_gateway_Ingress_routes_everything_to_the_gateway_Service(string overlay)
    {
        var k = Kustomize.Render(overlay);
        var ingress = Assert.Single(k.Of<V1Ingress>());
        var rule = Assert.Single(ingress.Spec.Rules);
        Assert.False(string.IsNullOrEmpty(rule.Host), $"{overlay}: the Ingress answers any host");
        var path = Assert.Single(rule.Http.Paths);
        Assert.Equal(("/", "Prefix"), (path.Path, path.PathType));
        Assert.Equal(AppHost.Gateway.Name, path.Backend.Service.Name);
        var service = k.Of<V1Service>().Single(s => s.Metadata.Name == path.Backend.Service.Name);
        Assert.Contains(service.Spec.Ports, p => p.Name == path.Backend.Service.Port.Name || p.Port == path.Backend.Service.Port.Number);
    }

    /// <summary>Project name → ContainerRepository, read from the central table in Directory.Build.targets.</summary>
    internal static Dictionary<string, string> ContainerImagesByProject()
    {
        var targets = XDocument.Load(Repo.PathOf("Directory.Build.targets"));
        var images = targets.Descendants("AqImageName").ToDictionary(
            e => ProjectCondition().Match((string?)e.Attribute("Condition") ?? "") is { Success: true } m ? m.Groups[1].Value
                : throw new FormatException($"Directory.Build.targets: cannot read the project of {e}"),
            e => e.Value);
        var repository = targets.Descendants("ContainerRepository").Single().Value;
        return images.ToDictionary(i => i.Key, i => repository.Replace("$(AqImageName)", i.Value, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"'\$\(MSBuildProjectName\)'\s*==\s*'([\w.]+)'")]
    private static partial Regex ProjectCondition();

    [GeneratedRegex(@"(?i)(password|pwd)\s*=|://[^/\s@:]+:[^/\s@]+@")]
    private static partial Regex SecretLooking();

    [GeneratedRegex(@"(?i)(password|passwd|secret|token|apikey|api_key|_pass$)")]
    private static partial Regex SecretKeyName();
}
