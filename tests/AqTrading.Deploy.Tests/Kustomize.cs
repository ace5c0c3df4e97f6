using System.Collections.Concurrent;
using System.Diagnostics;
using k8s;
using k8s.Models;

namespace AqTrading.Deploy.Tests;

/// <summary>One overlay as <c>kubectl kustomize</c> renders it, every document parsed into its typed model.</summary>
internal sealed class Rendered(string overlay, IReadOnlyList<object> objects)
{
    public string Overlay { get; } = overlay;
    public IReadOnlyList<object> Objects { get; } = objects;

    public IEnumerable<T> Of<T>() => Objects.OfType<T>();

    public IReadOnlyList<V1Deployment> Deployments => Of<V1Deployment>().ToList();

    public V1Deployment Deployment(string name) =>
        Of<V1Deployment>().SingleOrDefault(d => d.Metadata.Name == name) ?? throw new Xunit.Sdk.XunitException($"{Overlay}: no Deployment {name}.");

    public V1ConfigMap ConfigMap(string name) =>
        Of<V1ConfigMap>().SingleOrDefault(c => c.Metadata.Name == name) ?? throw new Xunit.Sdk.XunitException($"{Overlay}: no ConfigMap {name}.");

    /// <summary>Every environment variable a container gets: envFrom ConfigMaps (with the values), then env.</summary>
    public IReadOnlyDictionary<string, EnvSource> EnvironmentOf(V1Container container)
    {
        var env = new Dictionary<string, EnvSource>(StringComparer.Ordinal);
        foreach (var from in container.EnvFrom ?? [])
        {
            if (from.ConfigMapRef is { } cmRef)
            {
                foreach (var (key, value) in ConfigMap(cmRef.Name).Data ?? new Dictionary<string, string>())
                {
                    env[(from.Prefix ?? "") + key] = new EnvSource(value, null, null, cmRef.Name);
                }
            }

            if (from.SecretRef is { } secretRef)
            {
                throw new Xunit.Sdk.XunitException($"{Overlay}/{container.Name}: envFrom secretRef {secretRef.Name} hides which keys a " +
                    "container gets; name each variable with env[].valueFrom.secretKeyRef instead.");
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            env[variable.Name] = new EnvSource(variable.Value, variable.ValueFrom?.SecretKeyRef, variable.ValueFrom, null);
        }

        return env;
    }
}

/// <summary>Where one environment variable's value comes from.</summary>
internal sealed record EnvSource(string? Literal, V1SecretKeySelector? Secret, V1EnvVarSource? From, string? ConfigMap);

/// <summary>
/// Renders deploy/k8s/overlays/&lt;name&gt; with <c>kubectl kustomize</c> (offline) once per test run. The tree is copied to
/// a temporary folder first, with every <c>*.env.example</c> standing in for the git-ignored <c>*.env</c> beside it:
/// the render does not depend on (and never reads) a developer's real credentials.
/// </summary>
internal static class Kustomize
{
    private static readonly ConcurrentDictionary<string, Lazy<Rendered>> Cache = new();

    public static Rendered Render(string overlay) =>
        Cache.GetOrAdd(overlay, name => new Lazy<Rendered>(() => RenderNow(name))).Value;

    private static Rendered RenderNow(string overlay)
    {
        var source = Repo.PathOf("deploy", "k8s");
        var temp = Directory.CreateTempSubdirectory("aq-k8s-");
        try
        {
            var tree = Path.Combine(temp.FullName, "k8s");
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                if (file.EndsWith(".env", StringComparison.Ordinal))
                {
                    continue;
                }

                var target = Path.Combine(tree, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
                if (file.EndsWith(".env.example", StringComparison.Ordinal))
                {
                    File.Copy(file, target[..^".example".Length]);
                }
            }

            var yaml = Run(FindKubectl(), "kustomize", Path.Combine(tree, "overlays", overlay));
            return new Rendered(overlay, KubernetesYaml.LoadAllFromString(yaml, strict: true));
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    private static string Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within 60 s.");
        }

        return process.ExitCode == 0
            ? stdout.Result
            : throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}:\n{stderr.Result}");
    }

    /// <summary>$KUBECTL, else kubectl on PATH. Missing kubectl fails the tests (it never skips them).</summary>
    private static string FindKubectl()
    {
        if (Environment.GetEnvironmentVariable("KUBECTL") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured
                : throw new InvalidOperationException($"KUBECTL={configured} does not exist.");
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? "kubectl.exe" : "kubectl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "kubectl is not installed (not on PATH, KUBECTL not set). The deploy tests render deploy/k8s with " +
            "`kubectl kustomize` (offline, no cluster needed): install kubectl 1.27 or later (CI machines have /usr/bin/kubectl).");
    }
}
