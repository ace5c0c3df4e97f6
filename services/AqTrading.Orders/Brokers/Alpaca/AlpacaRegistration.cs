using System.Globalization;
using System.Net;
using AqTrading.Orders.Brokers.Paper;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace AqTrading.Orders.Brokers.Alpaca;

public static class AlpacaRegistration
{
    /// <summary>
    /// The broker per account (Orders:Brokers): <see cref="BrokerRouter"/> becomes the service's
    /// <see cref="IBrokerAdapter"/>, with the paper broker and one <see cref="AlpacaBroker"/> per Alpaca account behind
    /// it. The settings are validated at start: an unknown broker, an Alpaca account without keys or an unconfirmed
    /// live account stops the service with a message naming the setting.
    /// </summary>
    public static IHostApplicationBuilder AddBrokerSelection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BrokerSelectionOptions>().BindConfiguration(BrokerSelectionOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<BrokerSelectionOptions>, BrokerSelectionValidation>();
        builder.Services.AddSingleton<BrokerRouter>();
        builder.Services.AddSingleton<IBrokerAdapter>(services => services.GetRequiredService<BrokerRouter>());
        builder.Services.AddHostedService(services => services.GetRequiredService<BrokerRouter>());

#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to replace the defaults.
        builder.Services.AddHttpClient(AlpacaTradingClient.HttpClientName)
            .RedactLoggedHeaders(["APCA-API-KEY-ID", "APCA-API-SECRET-KEY"])
            .RemoveAllResilienceHandlers()
            .AddResilienceHandler("alpaca", (pipeline, context) =>
            {
                var selection = context.ServiceProvider.GetRequiredService<IOptions<BrokerSelectionOptions>>().Value;
                var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
                // 429 (Alpaca allows 200 requests a minute per account) and 5xx are retried with exponential backoff and
                // jitter, waiting as long as Alpaca asks when it says (Retry-After, else X-RateLimit-Reset). A retried
                // POST cannot double an order: the client_order_id makes Alpaca refuse the second one.
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(selection.AlpacaMaxRetries, 0),
                    Delay = selection.AlpacaRetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    MaxDelay = TimeSpan.FromSeconds(60),
                    DelayGenerator = args => ValueTask.FromResult(AskedDelay(args.Outcome.Result, time)),
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(10));
            });
#pragma warning restore EXTEXP0001
        return builder;
    }

    /// <summary>The wait Alpaca asked for on a 429/503, or null for the exponential backoff.</summary>
    public static TimeSpan? AskedDelay(HttpResponseMessage? response, TimeProvider time)
    {
        if (response is null || response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
        {
            return null;
        }

        var limit = TimeSpan.FromSeconds(60);
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - time.GetUtcNow() : TimeSpan.Zero);
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > limit ? limit : wait;
        }

        if (response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epochSeconds))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(epochSeconds) - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > limit ? limit : wait;
        }

        return null;
    }
}
