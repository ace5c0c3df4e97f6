using AqTrading.Contracts.MarketData;
using AqTrading.MarketData.Core.Instruments;

namespace AqTrading.MarketData.Instruments;

/// <summary>
/// The body of <c>POST /api/market/instruments</c> (and of <c>PUT /api/market/instruments/{symbol}</c>, which replaces
/// the terms). An option symbol in OCC form and a future symbol in CME form (root, month code, year) supply the
/// terms they encode: omitted terms are taken from the symbol and given ones must agree with it. Other symbols need
/// their terms given explicitly.
/// </summary>
public sealed record RegisterInstrument(
    string? Symbol,
    string? AssetClass,
    decimal? Multiplier,
    decimal? TickSize,
    string? Currency,
    string? Exchange,
    string? Underlying,
    DateOnly? Expiry,
    decimal? Strike,
    string? Right)
{
    /// <summary>Field-by-field validation; an empty result means the request is valid.</summary>
    /// <param name="time">Today's date resolves one-digit futures years (ESZ6); the system clock when omitted.</param>
    public Dictionary<string, string[]> Validate(TimeProvider? time = null) => Resolve(time, null).Errors;

    /// <summary>The instrument the (valid) request describes, created at <paramref name="now"/>.</summary>
    public Instrument ToInstrument(DateTimeOffset now, TimeProvider? time = null)
    {
        var (terms, errors) = Resolve(time, now);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Validate the request before converting it.");
        }

        return terms!;
    }

    private (Instrument? Terms, Dictionary<string, string[]> Errors) Resolve(TimeProvider? time, DateTimeOffset? createdAt)
    {
        var now = createdAt ?? (time ?? TimeProvider.System).GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors.TryAdd(field, [message]);

        var assetClass = AssetClass?.ToLowerInvariant();
        if (assetClass is null || !AssetClasses.All.Contains(assetClass))
        {
            Fail("assetClass", $"Asset class must be one of: {string.Join(", ", AssetClasses.All)}.");
        }

        var symbol = Symbol?.Trim().ToUpperInvariant();
        var underlying = Underlying?.Trim().ToUpperInvariant();
        var expiry = Expiry;
        var strike = Strike;
        var right = Right?.ToLowerInvariant();
        decimal? multiplier = Multiplier, tickSize = TickSize;
        var exchange = Exchange?.Trim().ToUpperInvariant();

        // OSI pads the root with spaces; such a symbol is stored in its compact form.
        OptionSymbol? option = null;
        string? optionError = null;
        if (assetClass == AssetClasses.Option && OptionSymbol.TryParse(symbol, out option, out optionError))
        {
            symbol = option!.Compact;
            Agree("underlying", underlying, option.Underlying);
            Agree("expiry", expiry, option.Expiry);
            Agree("strike", strike, option.Strike);
            Agree("right", right, option.Right);
            (underlying, expiry, strike, right) = (option.Underlying, option.Expiry, option.Strike, option.Right);
        }
        else if (assetClass == AssetClasses.Option && optionError is not null && symbol is not null
                 && System.Text.RegularExpressions.Regex.IsMatch(symbol, @"\d{6}[CP]\d{8}$"))
        {
            Fail("symbol", optionError); // shaped like OCC, but the expiry or strike is not valid
        }

        if (assetClass == AssetClasses.Future && FutureSymbol.TryParse(symbol, DateOnly.FromDateTime(now.UtcDateTime), out var future))
        {
            // The exchange's last trading day varies by product, so a given expiry wins over the derived default.
            Agree("underlying", underlying, future!.Root);
            underlying ??= future.Root;
            expiry ??= future.ThirdFriday;
            var spec = FutureSpecs.For(future.Root);
            multiplier ??= spec?.Multiplier;
            tickSize ??= spec?.TickSize;
            exchange ??= spec?.Exchange;
        }

        if (string.IsNullOrWhiteSpace(symbol) || symbol.Length > 32 || symbol.Any(char.IsWhiteSpace))
        {
            Fail("symbol", "A symbol of 1 to 32 characters without spaces is required.");
        }

        if (multiplier is <= 0)
        {
            Fail("multiplier", "The multiplier must be positive.");
        }

        if (tickSize is <= 0)
        {
            Fail("tickSize", "The tick size must be positive.");
        }

        if (Currency is not null && (Currency.Length != 3 || !Currency.All(char.IsAsciiLetter)))
        {
            Fail("currency", "The currency must be a three-letter ISO code such as USD.");
        }

        if (exchange is not null && (exchange.Length is 0 or > 16 || exchange.Any(char.IsWhiteSpace)))
        {
            Fail("exchange", "The exchange is a code of 1 to 16 characters, such as XNYS or CME.");
        }

        if (assetClass is AssetClasses.Option or AssetClasses.Future)
        {
            if (string.IsNullOrWhiteSpace(underlying))
            {
                Fail("underlying", $"An {assetClass} needs its underlying.");
            }

            if (expiry is null)
            {
                Fail("expiry", $"An {assetClass} needs its expiry date.");
            }
        }

        if (assetClass == AssetClasses.Option)
        {
            if (strike is null or <= 0)
            {
                Fail("strike", "An option needs a positive strike.");
            }

            if (right is not (OptionSymbol.Call or OptionSymbol.Put))
            {
                Fail("right", "An option's right must be call or put.");
            }
        }
        else if (Strike is not null || Right is not null)
        {
            Fail(Strike is not null ? "strike" : "right", "Only options have a strike and a right.");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new Instrument
        {
            Symbol = symbol!,
            AssetClass = assetClass!,
            Multiplier = multiplier ?? (assetClass == AssetClasses.Option ? 100m : 1m),
            TickSize = tickSize ?? 0.01m,
            Currency = (Currency ?? "USD").ToUpperInvariant(),
            // The exchange names the trading calendar: NYSE's for US equities and their options, CME's for futures.
            Exchange = exchange ?? (assetClass == AssetClasses.Future ? "CME" : "XNYS"),
            Underlying = underlying,
            Expiry = expiry,
            Strike = strike,
            Right = right,
            CreatedAt = now,
        }, errors);

        void Agree<T>(string field, T? given, T fromSymbol)
        {
            if (given is not null && !EqualityComparer<T>.Default.Equals(given, fromSymbol))
            {
                Fail(field, $"The symbol {Symbol?.Trim().ToUpperInvariant()} says {field} {fromSymbol}, not {given}.");
            }
        }
    }
}
