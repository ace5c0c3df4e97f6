namespace AqTrading.Deploy.Tests;

/// <summary>
/// The topology the manifests implement, written down once, against AppHost.cs as parsed: a resource, database,
/// reference or connection name added or renamed in the AppHost fails here until deploy/k8s (and this table) follow.
/// </summary>
public class AppHostModelTests
{
    internal static readonly (string Name, string Project, string? Database, string[] References)[] Expected =
    [
        ("portfolio", "AqTrading.Portfolio", "portfoliodb", []),
        ("risk", "AqTrading.Risk", "riskdb", ["portfolio", "orders"]),
        ("orders", "AqTrading.Orders", "ordersdb", ["risk", "portfolio"]),
        ("market-data", "AqTrading.MarketData", "marketdatadb", []),
        ("strategies", "AqTrading.Strategies", "strategiesdb", ["market-data", "orders", "portfolio"]),
        ("backtest", "AqTrading.Backtest", "backtestdb", ["market-data"]),
        ("derivatives", "AqTrading.Derivatives", "derivativesdb", ["orders", "portfolio"]),
        ("reconciliation", "AqTrading.Reconciliation", "reconciliationdb",
            ["orders", "portfolio", "risk", "market-data", "strategies", "backtest", "derivatives", "agent-dispatcher"]),
        ("agent-dispatcher", "AqTrading.AgentDispatcher", "agentsdb", ["market-data", "portfolio", "backtest", "reconciliation"]),
        ("gateway", "AqTrading.Gateway", null,
            ["portfolio", "risk", "orders", "market-data", "strategies", "backtest", "derivatives", "reconciliation", "agent-dispatcher"]),
    ];

    [Fact]
    public void AppHost_declares_the_resources_databases_and_references_the_manifests_implement()
    {
        var model = AppHostModel.Load();

        var actual = model.All.Select(r => (r.Name, r.Project, r.Database, References: r.References.Order().ToArray())).ToList();
        var expected = Expected.Select(e => (e.Name, e.Project, e.Database, References: e.References.Order().ToArray())).ToList();
        Assert.Equal(expected.Select(e => e.Name), actual.Select(a => a.Name));
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal(e.Project, a.Project);
            Assert.Equal(e.Database, a.Database);
            Assert.Equal(e.References, a.References);
        }

        Assert.Equal(Expected.Where(e => e.Database is not null).Select(e => e.Database!).Order(), model.DatabaseNames.Order());
        Assert.Equal(["redis", "messaging"], model.SharedConnections);
        Assert.Equal(["market-data", "strategies"], model.All.Where(r => r.Demo).Select(r => r.Name));
    }

    [Fact]
    public void The_parser_sees_a_reference_added_in_the_AppHost()
    {
        var source = File.ReadAllText(AppHostModel.SourcePath)
            + "\nvar extra = Service<Projects.AqTrading_Extra>(\"extra\", \"extradb\").WithReference(risk);\nportfolio.WithReference(extra);\n";

        var model = AppHostModel.Parse(source);

        Assert.Equal(["risk"], model.Services.Single(s => s.Name == "extra").References);
        Assert.Contains("extra", model.Services.Single(s => s.Name == "portfolio").References);
    }

    [Fact]
    public void The_parser_refuses_a_reference_it_cannot_place()
    {
        var source = File.ReadAllText(AppHostModel.SourcePath) + "\nportfolio.WithReference(somethingElse);\n";

        Assert.Throws<FormatException>(() => AppHostModel.Parse(source));
    }
}
