namespace AqTrading.Orders.Risk;

/// <summary>
/// Opens the connection to risk at start (retrying until risk answers), so the first order does not spend its
/// 250 ms risk budget on connecting.
/// </summary>
public sealed class RiskConnectionWarmup(IHttpClientFactory httpClients, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var client = httpClients.CreateClient(nameof(RiskClient));
        for (var attempt = 0; attempt < 60 && !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                using var response = await client.GetAsync("/api/risk/state", stoppingToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Risk is not up yet.
            }

            await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken);
        }
    }
}
