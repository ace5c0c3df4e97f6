namespace AqTrading.AppHost.LocalInfra;

/// <summary>
/// A locally installed server (PostgreSQL, Redis, RabbitMQ) run and supervised by DCP as an executable,
/// exposing a connection string exactly like Aspire's container resources do, so a service referencing it
/// cannot tell the difference.
/// </summary>
public sealed class LocalServerResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression { get; set; } = ReferenceExpression.Create($"");
}

/// <summary>One database on a <see cref="LocalServerResource"/> PostgreSQL server (what <c>AddDatabase</c> is for containers).</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalServerResource server)
    : Resource(name), IResourceWithParent<LocalServerResource>, IResourceWithConnectionString
{
    public LocalServerResource Parent { get; } = server;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}
