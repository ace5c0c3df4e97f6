namespace AqTrading.Orders.Domain;

/// <summary>What the submitter asked for. Validate after <see cref="Normalize"/>, then the terms never change.</summary>
public sealed record OrderTerms(
    string Symbol,
    OrderSide Side,
    OrderType Type,
    TimeInForce TimeInForce,
    decimal Quantity,
    decimal? LimitPrice = null,
    decimal? StopPrice = null)
{
    public const int MaxSymbolLength = 32;

    /// <summary>
    /// Trims and upper-cases the symbol, so "aapl" and "AAPL " are one instrument for risk, positions and the
    /// broker. Whitespace inside the symbol is left alone for <see cref="Validate"/> to refuse.
    /// </summary>
    public OrderTerms Normalize() => this with { Symbol = (Symbol ?? string.Empty).Trim().ToUpperInvariant() };

    /// <summary>
    /// Every broken rule, keyed by the camelCase field name the API client sent; empty when the terms are valid.
    /// The shape is the one <c>TypedResults.ValidationProblem</c> takes, so the API returns it as is.
    /// </summary>
    public static Dictionary<string, string[]> Validate(OrderTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var messages))
            {
                errors[field] = messages = [];
            }

            messages.Add(message);
        }

        // Records bound from JSON can carry null here despite the annotation.
        var symbol = terms.Symbol ?? string.Empty;
        if (symbol.Length == 0)
        {
            Add("symbol", "Symbol is required.");
        }

        if (symbol.Length > MaxSymbolLength)
        {
            Add("symbol", $"Symbol must be at most {MaxSymbolLength} characters.");
        }

        if (symbol.Any(char.IsWhiteSpace))
        {
            Add("symbol", "Symbol must not contain whitespace.");
        }

        if (!Enum.IsDefined(terms.Side))
        {
            Add("side", "Side must be buy or sell.");
        }

        if (!Enum.IsDefined(terms.TimeInForce))
        {
            Add("timeInForce", "Time in force must be day, gtc or ioc.");
        }

        if (terms.Quantity <= 0)
        {
            Add("quantity", "Quantity must be greater than zero.");
        }

        if (!Enum.IsDefined(terms.Type))
        {
            // The price and time-in-force rules depend on the type; with no known type they would only add noise.
            Add("type", "Order type must be market, limit, stop or stop-limit.");
        }
        else
        {
            var needsLimit = terms.Type is OrderType.Limit or OrderType.StopLimit;
            var needsStop = terms.Type is OrderType.Stop or OrderType.StopLimit;
            CheckPrice(terms.LimitPrice, needsLimit, "limitPrice", "limit", "limit and stop-limit", "market and stop", Add);
            CheckPrice(terms.StopPrice, needsStop, "stopPrice", "stop", "stop and stop-limit", "market and limit", Add);

            // A stop order rests until triggered; immediate-or-cancel would cancel it before it could ever trigger.
            if (terms.TimeInForce == TimeInForce.Ioc && needsStop)
            {
                Add("timeInForce", "IOC is allowed only for market and limit orders.");
            }
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    private static void CheckPrice(
        decimal? price, bool required, string field, string name, string requiredFor, string forbiddenFor, Action<string, string> add)
    {
        if (required && price is null)
        {
            add(field, $"A {name} price is required for {requiredFor} orders.");
        }
        else if (required && price <= 0)
        {
            add(field, $"The {name} price must be greater than zero.");
        }
        else if (!required && price is not null)
        {
            add(field, $"A {name} price is not allowed for {forbiddenFor} orders.");
        }
    }
}
