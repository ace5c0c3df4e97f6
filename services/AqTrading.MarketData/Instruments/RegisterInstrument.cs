using AqTrading.Contracts.MarketData;

namespace AqTrading.MarketData.Instruments;

/// <summary>The body of <c>POST /api/market/instruments</c>.</summary>
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
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        if (string.IsNullOrWhiteSpace(Symbol) || Symbol.Length > 32 || Symbol.Any(char.IsWhiteSpace))
        {
            Fail("symbol", "A symbol of 1 to 32 characters without spaces is required.");
        }

        var assetClass = AssetClass?.ToLowerInvariant();
        if (assetClass is null || !AssetClasses.All.Contains(assetClass))
        {
            Fail("assetClass", $"Asset class must be one of: {string.Join(", ", AssetClasses.All)}.");
        }

        if (Multiplier is <= 0)
        {
            Fail("multiplier", "The multiplier must be positive.");
        }

        if (TickSize is <= 0)
        {
            Fail("tickSize", "The tick size must be positive.");
        }

        if (Currency is not null && (Currency.Length != 3 || !Currency.All(char.IsAsciiLetter)))
        {
            Fail("currency", "The currency must be a three-letter ISO code such as USD.");
        }

        if (assetClass is AssetClasses.Option or AssetClasses.Future)
        {
            if (string.IsNullOrWhiteSpace(Underlying))
            {
                Fail("underlying", $"An {assetClass} needs its underlying.");
            }

            if (Expiry is null)
            {
                Fail("expiry", $"An {assetClass} needs its expiry date.");
            }
        }

        if (assetClass == AssetClasses.Option)
        {
            if (Strike is null or <= 0)
            {
                Fail("strike", "An option needs a positive strike.");
            }

            if (Right?.ToLowerInvariant() is not ("call" or "put"))
            {
                Fail("right", "An option's right must be call or put.");
            }
        }
        else if (Strike is not null || Right is not null)
        {
            Fail(Strike is not null ? "strike" : "right", "Only options have a strike and a right.");
        }

        return errors;
    }

    public Instrument ToInstrument(DateTimeOffset now)
    {
        var assetClass = AssetClass!.ToLowerInvariant();
        return new Instrument
        {
            Symbol = Symbol!.ToUpperInvariant(),
            AssetClass = assetClass,
            Multiplier = Multiplier ?? (assetClass == AssetClasses.Option ? 100m : 1m),
            TickSize = TickSize ?? 0.01m,
            Currency = (Currency ?? "USD").ToUpperInvariant(),
            Exchange = (Exchange ?? "SMART").ToUpperInvariant(),
            Underlying = Underlying?.ToUpperInvariant(),
            Expiry = Expiry,
            Strike = Strike,
            Right = Right?.ToLowerInvariant(),
            CreatedAt = now,
        };
    }
}
