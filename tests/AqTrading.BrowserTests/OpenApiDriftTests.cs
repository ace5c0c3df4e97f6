using System.Text.Json;
using System.Text.Json.Nodes;
using AqTrading.SystemTests;

namespace AqTrading.BrowserTests;

/// <summary>
/// The UI's typed client is generated from OpenAPI documents committed in web/openapi (npm run api:types; a Vitest test
/// checks the generated types match them). This test checks those documents are what the running services serve, so a
/// changed API fails here until the documents and types are refreshed — UI and API cannot drift silently.
/// Refresh: <c>AQ_UPDATE_OPENAPI=1 dotnet test tests/AqTrading.BrowserTests --filter OpenApiDriftTests</c>, then
/// <c>cd web &amp;&amp; npm run api:types</c> (docs/ARCHITECTURE.md, Web UI).
/// </summary>
[Collection(nameof(SystemCollection))]
public sealed class OpenApiDriftTests(SystemFixture system)
{
    /// <summary>The API areas the UI calls; an area joins when its page does.</summary>
    public static readonly TheoryData<string> Areas = new() { "portfolio", "risk", "orders", "market", "strategies", "backtest", "agents", "reconciliation", "derivatives" };

    [Theory]
    [MemberData(nameof(Areas))]
    public async Task The_committed_OpenAPI_document_is_the_one_the_service_serves(string area)
    {
        var served = Normalise(await system.Gateway.GetStringAsync($"/api/{area}/openapi/v1.json"));
        var path = Path.Combine(RepositoryRoot(), "web", "openapi", $"{area}.json");
        if (Environment.GetEnvironmentVariable("AQ_UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, served);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run with AQ_UPDATE_OPENAPI=1, then npm run api:types in web/.");
        var committed = Normalise(await File.ReadAllTextAsync(path));
        if (committed != served)
        {
            var actual = Path.Combine(AppContext.BaseDirectory, "openapi-served", $"{area}.json");
            Directory.CreateDirectory(Path.GetDirectoryName(actual)!);
            await File.WriteAllTextAsync(actual, served);
            Assert.Fail($"The {area} API changed: web/openapi/{area}.json differs from what the service serves (written to {actual}). "
                + "Refresh with AQ_UPDATE_OPENAPI=1 and regenerate the UI's types (cd web && npm run api:types), then fix what tsc reports.");
        }
    }

    /// <summary>Indented, with the servers list dropped (it names the host and port the request came through).</summary>
    private static string Normalise(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("servers");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AqTrading.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AqTrading.sln not found above the test assembly.");
    }
}
