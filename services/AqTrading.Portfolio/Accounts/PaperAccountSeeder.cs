using AqTrading.Portfolio.Data;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Portfolio.Accounts;

public sealed class PaperAccountOptions
{
    /// <summary>Starting cash of the paper account created at first start (Portfolio:PaperAccount:Cash).</summary>
    public decimal Cash { get; set; } = 100_000m;

    public string Currency { get; set; } = "USD";
}

/// <summary>Creates the paper account at first start, with the configured cash; an existing account is left alone.</summary>
public sealed class PaperAccountSeeder(IServiceScopeFactory scopes, TimeProvider time, Microsoft.Extensions.Options.IOptions<PaperAccountOptions> options)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortfolioDbContext>();
        if (await db.Accounts.AnyAsync(a => a.Id == Account.PaperAccountId, cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow();
        db.Accounts.Add(new Account
        {
            Id = Account.PaperAccountId, Name = "Paper trading", Broker = "paper", Currency = options.Value.Currency,
            Cash = options.Value.Cash, CreatedAt = now, UpdatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another replica created it first.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
