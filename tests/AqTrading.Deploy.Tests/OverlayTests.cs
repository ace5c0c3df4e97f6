using System.Text;
using System.Text.RegularExpressions;
using k8s.Models;

namespace AqTrading.Deploy.Tests;

/// <summary>dev brings its own PostgreSQL, Redis and RabbitMQ; prod uses managed services and commits no secret.</summary>
public partial class OverlayTests
{
    private static readonly AppHostModel AppHost = AppHostModel.Load();
    private static readonly string[] Infrastructure = ["postgres", "redis", "messaging"];

    [Fact]
    public void Dev_runs_PostgreSQL_Redis_and_RabbitMQ_as_StatefulSets_with_volumes_headless_Services_and_probes()
    {
        var k = Kustomize.Render("dev");
        Assert.Equal(Infrastructure.Order(), k.Of<V1StatefulSet>().Select(s => s.Metadata.Name).Order());
        foreach (var set in k.Of<V1StatefulSet>())
        {
            var name = set.Metadata.Name;
            var service = k.Of<V1Service>().SingleOrDefault(s => s.Metadata.Name == set.Spec.ServiceName);
            Assert.True(service is not null, $"{name}: no Service {set.Spec.ServiceName}");
            Assert.Equal("None", service.Spec.ClusterIP);
            Assert.Equal(name, set.Spec.ServiceName); // the host name in the connection strings is the AppHost resource name
            Assert.NotEmpty(set.Spec.VolumeClaimTemplates);
            var container = Assert.Single(set.Spec.Template.Spec.Containers);
            Assert.NotNull(container.ReadinessProbe);
            Assert.NotNull(container.LivenessProbe);
            Assert.Contains(container.VolumeMounts, m => set.Spec.VolumeClaimTemplates.Any(t => t.Metadata.Name == m.Name));
        }

        Assert.StartsWith("postgres:15", Image("postgres"));
        Assert.StartsWith("redis:7", Image("redis"));
        Assert.StartsWith("rabbitmq:3", Image("messaging"));

        string Image(string name) => k.Of<V1StatefulSet>().Single(s => s.Metadata.Name == name).Spec.Template.Spec.Containers[0].Image;
    }

    [Fact]
    public void Dev_creates_every_AppHost_database_when_PostgreSQL_initialises()
    {
        var k = Kustomize.Render("dev");
        var postgres = k.Of<V1StatefulSet>().Single(s => s.Metadata.Name == "postgres").Spec.Template.Spec;
        var mount = postgres.Containers[0].VolumeMounts.Single(m => m.MountPath == "/docker-entrypoint-initdb.d");
        var configMap = k.ConfigMap(postgres.Volumes.Single(v => v.Name == mount.Name).ConfigMap.Name);
        var sql = string.Join('\n', configMap.Data.Values);
        var created = CreateDatabase().Matches(sql).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(AppHost.DatabaseNames.Order(), created.Order());
    }

    [Fact]
    public void Dev_Secret_references_resolve_and_each_connection_string_names_its_own_database()
    {
        var k = Kustomize.Render("dev");
        var secrets = k.Of<V1Secret>().ToDictionary(s => s.Metadata.Name);
        var references = k.Deployments.Select(d => d.Spec.Template.Spec).Concat(k.Of<V1StatefulSet>().Select(s => s.Spec.Template.Spec))
            .SelectMany(p => p.Containers).SelectMany(c => c.Env ?? []).Select(e => e.ValueFrom?.SecretKeyRef).OfType<V1SecretKeySelector>().ToList();
        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            Assert.True(secrets.TryGetValue(reference.Name, out var secret), $"dev: no Secret {reference.Name}");
            Assert.True(secret.Data?.ContainsKey(reference.Key) == true, $"dev: Secret {reference.Name} has no key {reference.Key}");
        }

        var connections = secrets.Values.Single(s => s.Metadata.Name.StartsWith("aq-connection-strings", StringComparison.Ordinal)).Data;
        foreach (var database in AppHost.DatabaseNames)
        {
            var value = Encoding.UTF8.GetString(connections[database]);
            Assert.Contains($"Database={database};", value);
            Assert.Contains("Host=postgres;", value);
        }

        Assert.StartsWith("redis:6379", Encoding.UTF8.GetString(connections["redis"]));
        Assert.Matches("^amqp://[^@]+@messaging:5672", Encoding.UTF8.GetString(connections["messaging"]));
    }

    [Fact]
    public void Dev_runs_in_Development_with_the_demo_and_prod_in_Production_without_it()
    {
        foreach (var (overlay, environment, demo) in new[] { ("dev", "Development", "true"), ("prod", "Production", "false") })
        {
            var k = Kustomize.Render(overlay);
            foreach (var resource in AppHost.All)
            {
                var env = k.EnvironmentOf(k.Deployment(resource.Name).Spec.Template.Spec.Containers[0]);
                Assert.Equal(environment, env["ASPNETCORE_ENVIRONMENT"].Literal);
                Assert.Equal(resource.Demo ? demo : null, env.GetValueOrDefault("Demo__Enabled")?.Literal);
            }
        }
    }

    [Fact]
    public void Prod_has_no_in_cluster_infrastructure_and_commits_no_secret_data()
    {
        var k = Kustomize.Render("prod");
        Assert.Empty(k.Of<V1StatefulSet>());
        Assert.Empty(k.Of<V1PersistentVolumeClaim>());
        Assert.DoesNotContain(k.Of<V1Service>(), s => Infrastructure.Contains(s.Metadata.Name));
        Assert.All(k.Of<V1Secret>(), s =>
        {
            Assert.True((s.Data?.Count ?? 0) == 0, $"prod: Secret {s.Metadata.Name} carries data");
            Assert.True((s.StringData?.Count ?? 0) == 0, $"prod: Secret {s.Metadata.Name} carries stringData");
        });
    }

    [Fact]
    public void Prod_runs_at_least_two_of_every_scalable_service_behind_TLS()
    {
        var k = Kustomize.Render("prod");
        Assert.All(k.Of<V2HorizontalPodAutoscaler>(), h => Assert.True(h.Spec.MinReplicas >= 2, $"prod: HPA {h.Metadata.Name} may scale to one pod"));
        var ingress = Assert.Single(k.Of<V1Ingress>());
        var tls = Assert.Single(ingress.Spec.Tls);
        Assert.Contains(ingress.Spec.Rules[0].Host, tls.Hosts);
        Assert.False(string.IsNullOrEmpty(tls.SecretName));
    }

    [Fact]
    public void DEPLOY_md_creates_every_Secret_key_prod_refers_to()
    {
        var k = Kustomize.Render("prod");
        var deploy = File.ReadAllText(Repo.PathOf("docs", "DEPLOY.md"));
        var references = k.Deployments.SelectMany(d => d.Spec.Template.Spec.Containers).SelectMany(c => c.Env ?? [])
            .Select(e => e.ValueFrom?.SecretKeyRef).OfType<V1SecretKeySelector>().ToList();
        Assert.NotEmpty(references);
        foreach (var secret in references.GroupBy(r => r.Name))
        {
            Assert.Contains($"kubectl -n aq-trading create secret generic {secret.Key}", deploy);
            foreach (var key in secret.Select(r => r.Key).Distinct())
            {
                Assert.Contains($"--from-literal={key}=", deploy);
            }
        }

        Assert.Contains($"create secret tls {k.Of<V1Ingress>().Single().Spec.Tls[0].SecretName}", deploy);
    }

    [GeneratedRegex(@"CREATE DATABASE (\w+)")]
    private static partial Regex CreateDatabase();
}
