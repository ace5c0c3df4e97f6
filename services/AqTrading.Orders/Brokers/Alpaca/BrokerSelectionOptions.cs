using Microsoft.Extensions.Options;

namespace AqTrading.Orders.Brokers.Alpaca;

/// <summary>
/// Which broker each account trades through (Orders:Brokers). An account not listed uses <see cref="Default"/>.
/// <code>
/// "Orders": { "Brokers": { "Default": "paper",
///   "Accounts": { "main": { "Broker": "alpaca-paper", "Alpaca": { "KeyId": "…", "SecretKey": "…" } } } } }
/// </code>
/// </summary>
public sealed class BrokerSelectionOptions
{
    public const string Section = "Orders:Brokers";

    public const string Paper = "paper";
    public const string AlpacaPaper = "alpaca-paper";
    public const string AlpacaLive = "alpaca-live";

    public string Default { get; set; } = Paper;

    /// <summary>Retries of an Alpaca REST call answered 429 or 5xx (or not answered), with exponential backoff.</summary>
    public int AlpacaMaxRetries { get; set; } = 5;

    /// <summary>The first retry's wait when Alpaca names none (Retry-After, X-RateLimit-Reset); doubled per retry.</summary>
    public TimeSpan AlpacaRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Account id (as orders carry it) → its broker.</summary>
    public Dictionary<string, BrokerAccountOptions> Accounts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The broker of an account: its own entry, else the default.</summary>
    public string BrokerOf(string accountId) =>
        Accounts.TryGetValue(accountId, out var account) && !string.IsNullOrWhiteSpace(account.Broker)
            ? account.Broker.Trim().ToLowerInvariant() : Default.Trim().ToLowerInvariant();

    public override string ToString() =>
        $"Default={Default}; Accounts=[{string.Join(", ", Accounts.Select(a => $"{a.Key}: {a.Value}"))}]";
}

public sealed class BrokerAccountOptions
{
    /// <summary><c>paper</c>, <c>alpaca-paper</c> or <c>alpaca-live</c>.</summary>
    public string Broker { get; set; } = BrokerSelectionOptions.Paper;

    public AlpacaOptions Alpaca { get; set; } = new();

    public override string ToString() => $"{Broker} {Alpaca}";
}

/// <summary>
/// One Alpaca account. The key pair comes only from configuration or a secret store (user secrets, environment,
/// a Kubernetes Secret); it is sent in the APCA-API-KEY-ID / APCA-API-SECRET-KEY headers and the stream's auth
/// message, and never written to a log — <see cref="ToString"/> leaves it out.
/// </summary>
public sealed class AlpacaOptions
{
    public const string PaperTradingUrl = "https://paper-api.alpaca.markets";
    public const string LiveTradingUrl = "https://api.alpaca.markets";

    public string? KeyId { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>The Trading API's base URL; empty = Alpaca's paper or live endpoint, by the account's broker.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The trade_updates WebSocket; empty = the base URL's <c>/stream</c> (https → wss).</summary>
    public string? StreamUrl { get; set; }

    /// <summary>
    /// Must be <c>true</c> for an <c>alpaca-live</c> account: live orders move real money, so the service refuses to
    /// start until someone has written this down on purpose.
    /// </summary>
    public bool ConfirmLiveTrading { get; set; }

    /// <summary>First wait before reconnecting a dropped stream; doubled per failed attempt up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Working orders are also polled this often while the stream is up (a safety net beside the poll after each
    /// reconnect); zero turns it off.
    /// </summary>
    public TimeSpan StatusPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    public Uri TradingUri(bool live) => new((string.IsNullOrWhiteSpace(BaseUrl) ? live ? LiveTradingUrl : PaperTradingUrl : BaseUrl).TrimEnd('/') + "/");

    public Uri StreamUri(bool live)
    {
        if (!string.IsNullOrWhiteSpace(StreamUrl))
        {
            return new Uri(StreamUrl);
        }

        var builder = new UriBuilder(new Uri(TradingUri(live), "stream"));
        builder.Scheme = builder.Scheme == Uri.UriSchemeHttp ? "ws" : "wss";
        return builder.Uri;
    }

    /// <summary>Everything but the keys (whether they are set is enough for a log line).</summary>
    public override string ToString() =>
        $"BaseUrl={BaseUrl ?? "(default)"}; StreamUrl={StreamUrl ?? "(default)"}; KeyId={(string.IsNullOrEmpty(KeyId) ? "(missing)" : "(set)")}; " +
        $"SecretKey={(string.IsNullOrEmpty(SecretKey) ? "(missing)" : "(set)")}; ConfirmLiveTrading={ConfirmLiveTrading}";
}

/// <summary>Refuses to start on a broker name it does not know, an Alpaca account without keys, or live trading not confirmed.</summary>
public sealed class BrokerSelectionValidation : IValidateOptions<BrokerSelectionOptions>
{
    private static readonly string[] Known = [BrokerSelectionOptions.Paper, BrokerSelectionOptions.AlpacaPaper, BrokerSelectionOptions.AlpacaLive];

    public ValidateOptionsResult Validate(string? name, BrokerSelectionOptions options)
    {
        var failures = new List<string>();
        if (options.Default.Trim().ToLowerInvariant() != BrokerSelectionOptions.Paper)
        {
            failures.Add($"{BrokerSelectionOptions.Section}:Default is '{options.Default}'; it must be paper — an Alpaca account is " +
                         "configured one by one under Accounts, each with its own keys.");
        }

        foreach (var (accountId, account) in options.Accounts)
        {
            var key = $"{BrokerSelectionOptions.Section}:Accounts:{accountId}";
            var broker = options.BrokerOf(accountId);
            if (!Known.Contains(broker))
            {
                failures.Add($"{key}:Broker is '{account.Broker}'; it must be one of {string.Join(", ", Known)}.");
                continue;
            }

            if (broker == BrokerSelectionOptions.Paper)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(account.Alpaca.KeyId) || string.IsNullOrWhiteSpace(account.Alpaca.SecretKey))
            {
                failures.Add($"{key}:Alpaca:KeyId and {key}:Alpaca:SecretKey are required for {broker} (set them as secrets, not in appsettings).");
            }

            if (!string.IsNullOrWhiteSpace(account.Alpaca.BaseUrl) && !Uri.TryCreate(account.Alpaca.BaseUrl, UriKind.Absolute, out _))
            {
                failures.Add($"{key}:Alpaca:BaseUrl '{account.Alpaca.BaseUrl}' is not an absolute URL.");
            }

            if (broker == BrokerSelectionOptions.AlpacaLive && !account.Alpaca.ConfirmLiveTrading)
            {
                failures.Add($"Account '{accountId}' is set to alpaca-live, which trades real money at Alpaca; the orders service will not start " +
                             $"until {key}:Alpaca:ConfirmLiveTrading is true.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
