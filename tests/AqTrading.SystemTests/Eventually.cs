using System.Text.Json;

namespace AqTrading.SystemTests;

/// <summary>Waiting for what the system does asynchronously (events over RabbitMQ, broker fills), bounded in time.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task TrueAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not observed within {Patience.TotalSeconds} s");
            await Task.Delay(200);
        }
    }

    public static async Task<JsonElement> ValueAsync(Func<Task<JsonElement?>> probe)
    {
        JsonElement? result = null;
        await TrueAsync(async () => (result = await probe()) is not null);
        return result!.Value;
    }
}
