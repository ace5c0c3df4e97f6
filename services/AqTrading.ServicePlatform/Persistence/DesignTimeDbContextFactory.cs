using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AqTrading.ServicePlatform.Persistence;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build a service's context without starting the service (which would need
/// the orchestrator's connection strings). A service declares <c>class X : DesignTimeDbContextFactory&lt;XDbContext&gt;;</c>.
/// </summary>
public abstract class DesignTimeDbContextFactory<TContext> : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>()
            .UseNpgsql("Host=localhost;Database=design_time")
            .UseSnakeCaseNamingConvention()
            .Options;
        return (TContext)Activator.CreateInstance(typeof(TContext), options)!;
    }
}
