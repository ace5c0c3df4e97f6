using System.Text.RegularExpressions;

namespace AqTrading.Deploy.Tests;

/// <summary>One project resource of the AppHost: its name, its own database (none for the gateway), the resources it
/// references (service discovery), whether it gets <c>Demo__Enabled</c>, and the environment variables it is given as
/// literals (<c>.WithEnvironment("NAME", "value")</c>).</summary>
internal sealed record AppHostResource(string Name, string Project, string? Database, IReadOnlySet<string> References, bool Demo,
    IReadOnlyDictionary<string, string> Environment);

/// <summary>
/// What <c>AqTrading.AppHost/AppHost.cs</c> declares, read from its source: the manifests must give every process the
/// same names, connection strings and references. The parser understands the shapes AppHost.cs uses today and fails
/// loudly on a <c>WithReference</c> it cannot place, so a change there shows up here rather than slipping past.
/// </summary>
internal sealed partial class AppHostModel
{
    public required IReadOnlyList<string> DatabaseNames { get; init; }
    /// <summary>Connection names every domain service gets besides its database (redis, messaging).</summary>
    public required IReadOnlyList<string> SharedConnections { get; init; }
    /// <summary>The domain services, in declaration order.</summary>
    public required IReadOnlyList<AppHostResource> Services { get; init; }
    public required AppHostResource Gateway { get; init; }

    public IEnumerable<AppHostResource> All => Services.Append(Gateway);

    /// <summary>The shared connections the gateway references itself (redis, for the live updates hub).</summary>
    public IReadOnlyList<string> GatewayConnections { get; init; } = [];

    public IReadOnlyList<string> ConnectionsOf(AppHostResource resource) =>
        resource.Database is null ? (resource.Name == Gateway.Name ? GatewayConnections : []) : [resource.Database, .. SharedConnections];

    public static string SourcePath => Repo.PathOf("AqTrading.AppHost", "AppHost.cs");

    public static AppHostModel Load() => Parse(File.ReadAllText(SourcePath));

    public static AppHostModel Parse(string source)
    {
        var code = WholeLineComment().Replace(source, "");

        var databases = Quoted().Matches(Required(DatabaseArray(), code, "string[] databaseNames = [...]").Groups["body"].Value)
            .Select(m => m.Groups[1].Value).ToList();

        // The Service<TProject>(name, database) helper: what every domain service gets.
        var helper = Required(ServiceHelper(), code, "the Service<TProject>(name, database) helper").Groups["body"].Value;
        var shared = new List<string>();
        foreach (var (variable, what) in new[] { ("redis", "Redis"), ("messaging", "RabbitMQ") })
        {
            if (!helper.Contains($".WithReference({variable})"))
            {
                throw new FormatException($"The Service helper no longer references {variable}; update the deploy tests.");
            }

            var names = Regex.Matches(code, $@"\b{variable}\s*=\s*(?:builder\.)?Add\w+\(\s*""(?<n>[\w-]+)""")
                .Select(m => m.Groups["n"].Value).Distinct().ToList();
            shared.Add(names.Count == 1 ? names[0] : throw new FormatException(
                $"Expected one connection name for {what} ({variable} = builder.Add…(\"…\")), found [{string.Join(", ", names)}]."));
        }

        if (!helper.Contains(".WithReference(databases[database])") || !helper.Contains(".WithHttpHealthCheck(\"/health\")"))
        {
            throw new FormatException("The Service helper no longer references its database or no longer health-checks /health.");
        }

        var services = new List<(string Name, string Project, string? Database)>();
        var variables = new Dictionary<string, string>();
        var arrays = new Dictionary<string, List<string>>();
        var references = new Dictionary<string, HashSet<string>>();
        var demo = new HashSet<string>();
        var environment = new Dictionary<string, Dictionary<string, string>>();
        var gatewayConnections = new List<string>();

        foreach (Match m in ServiceCall().Matches(code))
        {
            services.Add((m.Groups["name"].Value, m.Groups["project"].Value.Replace('_', '.'), m.Groups["db"].Value));
        }

        var gatewayMatch = Required(GatewayProject(), code, "the gateway's builder.AddProject<…>(\"gateway\", …)");
        var gateway = (Name: gatewayMatch.Groups["name"].Value, Project: gatewayMatch.Groups["project"].Value.Replace('_', '.'));
        variables[gatewayMatch.Groups["var"].Value] = gateway.Name;

        foreach (var raw in code.Split(';'))
        {
            var statement = raw.Trim();
            string? subject = null;
            if (VarService().Match(statement) is { Success: true } declared)
            {
                variables[declared.Groups["var"].Value] = declared.Groups["name"].Value;
                subject = declared.Groups["name"].Value;
            }
            else if (GatewayProject().Match(statement) is { Success: true })
            {
                subject = gateway.Name;
            }
            else if (ArrayOfServices().Match(statement) is { Success: true } array)
            {
                arrays[array.Groups["var"].Value] = ArrayMember().Matches(array.Groups["items"].Value)
                    .Select(item => item.Groups["inline"].Success ? item.Groups["inline"].Value
                        : variables.TryGetValue(item.Groups["id"].Value, out var name) ? name
                        : throw new FormatException($"The array {array.Groups["var"].Value} holds {item.Groups["id"].Value}, which is no known resource."))
                    .ToList();
                continue;
            }
            else if (ForEachReference().Match(statement) is { Success: true } loop)
            {
                var target = variables.GetValueOrDefault(loop.Groups["subject"].Value)
                    ?? throw new FormatException($"foreach … {loop.Groups["subject"].Value}.WithReference: unknown resource.");
                var members = arrays.GetValueOrDefault(loop.Groups["array"].Value)
                    ?? throw new FormatException($"foreach over {loop.Groups["array"].Value}: unknown array.");
                Refs(target).UnionWith(members);
                continue;
            }
            else if (LeadingIdentifier().Match(statement) is { Success: true } call && variables.TryGetValue(call.Groups["id"].Value, out var known))
            {
                subject = known;
            }

            foreach (Match reference in WithReference().Matches(statement))
            {
                var argument = reference.Groups["arg"].Value;
                if (subject == gateway.Name && argument is "redis" or "messaging")
                {
                    gatewayConnections.Add(argument);
                    continue;
                }

                if (argument.StartsWith("databases[", StringComparison.Ordinal) || argument is "redis" or "messaging" or "service")
                {
                    continue; // the helper's own references, and the foreach loop's variable (handled above)
                }

                if (subject is null || !variables.TryGetValue(argument, out var referenced))
                {
                    throw new FormatException($"AppHost.cs: cannot place .WithReference({argument}) in «{statement[..Math.Min(120, statement.Length)]}»; update the deploy tests.");
                }

                Refs(subject).Add(referenced);
            }

            if (subject is not null && statement.Contains(".WithEnvironment(\"Demo__Enabled\"", StringComparison.Ordinal))
            {
                demo.Add(subject);
            }

            foreach (Match literal in LiteralEnvironment().Matches(statement))
            {
                var owner = subject ?? throw new FormatException($"AppHost.cs: cannot place «{literal.Value}»; update the deploy tests.");
                (environment.TryGetValue(owner, out var set) ? set : environment[owner] = [])[literal.Groups["name"].Value] = literal.Groups["value"].Value;
            }
        }

        return new AppHostModel
        {
            DatabaseNames = databases,
            SharedConnections = shared,
            Services = services.Select(s => new AppHostResource(s.Name, s.Project, s.Database, Refs(s.Name), demo.Contains(s.Name), Env(s.Name))).ToList(),
            Gateway = new AppHostResource(gateway.Name, gateway.Project, null, Refs(gateway.Name), demo.Contains(gateway.Name), Env(gateway.Name)),
            GatewayConnections = gatewayConnections,
        };

        HashSet<string> Refs(string name) => references.TryGetValue(name, out var set) ? set : references[name] = [];

        IReadOnlyDictionary<string, string> Env(string name) => environment.GetValueOrDefault(name) ?? [];
    }

    private static Match Required(Regex regex, string code, string what) =>
        regex.Match(code) is { Success: true } m ? m : throw new FormatException($"AppHost.cs: {what} not found; update the deploy tests.");

    [GeneratedRegex(@"(?m)^\s*//.*$")]
    private static partial Regex WholeLineComment();

    [GeneratedRegex(@"""([^""]+)""")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"string\[\]\s+databaseNames\s*=\s*\[(?<body>[^\]]*)\]")]
    private static partial Regex DatabaseArray();

    [GeneratedRegex(@"IResourceBuilder<ProjectResource>\s+Service<TProject>\([^)]*\)[^=]*=>(?<body>[^;]*);", RegexOptions.Singleline)]
    private static partial Regex ServiceHelper();

    [GeneratedRegex(@"\bService<Projects\.(?<project>\w+)>\(\s*""(?<name>[\w-]+)""\s*,\s*""(?<db>\w+)""\s*\)")]
    private static partial Regex ServiceCall();

    [GeneratedRegex(@"^var\s+(?<var>\w+)\s*=\s*Service<Projects\.\w+>\(\s*""(?<name>[\w-]+)""")]
    private static partial Regex VarService();

    [GeneratedRegex(@"\b(?<var>\w+)\s*=\s*builder\.AddProject<Projects\.(?<project>\w+Gateway)>\(\s*""(?<name>[\w-]+)""")]
    private static partial Regex GatewayProject();

    [GeneratedRegex(@"^var\s+(?<var>\w+)\s*=\s*new\s*\[\]\s*\{(?<items>.*)\}\s*$", RegexOptions.Singleline)]
    private static partial Regex ArrayOfServices();

    [GeneratedRegex(@"Service<Projects\.\w+>\(\s*""(?<inline>[\w-]+)""[^)]*\)|\b(?<id>[A-Za-z_]\w*)\b")]
    private static partial Regex ArrayMember();

    [GeneratedRegex(@"foreach\s*\(\s*var\s+(?<item>\w+)\s+in\s+(?<array>\w+)\s*\)\s*\{?\s*(?<subject>\w+)\.WithReference\(\k<item>\)")]
    private static partial Regex ForEachReference();

    [GeneratedRegex(@"^(?<id>\w+)\s*\.")]
    private static partial Regex LeadingIdentifier();

    [GeneratedRegex(@"\.WithReference\((?<arg>[^()]+)\)")]
    private static partial Regex WithReference();

    [GeneratedRegex(@"\.WithEnvironment\(\s*""(?<name>[^""]+)""\s*,\s*""(?<value>[^""]*)""\s*\)")]
    private static partial Regex LiteralEnvironment();
}
