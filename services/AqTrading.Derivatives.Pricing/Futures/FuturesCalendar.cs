namespace AqTrading.Derivatives.Pricing.Futures;

/// <summary>A futures contract symbol: root, contract month and year (<c>ESZ24</c> = ES, December 2024).</summary>
public readonly record struct FuturesContract(string Root, int Year, int Month)
{
    /// <summary>CME month codes, January to December.</summary>
    public const string MonthCodes = "FGHJKMNQUVXZ";

    public char MonthCode => MonthCodes[Month - 1];

    /// <summary>Root + month code + two-digit year, the form market data registers (<c>ESH25</c>).</summary>
    public string Symbol => $"{Root}{MonthCode}{Year % 100:D2}";

    public override string ToString() => Symbol;

    /// <summary>
    /// Parses <paramref name="symbol"/> as <paramref name="root"/> + month code + a two-digit year (20yy). The root is
    /// given (it is in the contract's metadata) so roots that end in a month-code letter parse unambiguously.
    /// </summary>
    public static bool TryParse(string symbol, string root, out FuturesContract contract)
    {
        contract = default;
        symbol = symbol.Trim().ToUpperInvariant();
        root = root.Trim().ToUpperInvariant();
        if (root.Length == 0 || symbol.Length != root.Length + 3 || !symbol.StartsWith(root, StringComparison.Ordinal))
        {
            return false;
        }

        var month = MonthCodes.IndexOf(symbol[root.Length]) + 1;
        if (month == 0 || !char.IsAsciiDigit(symbol[^2]) || !char.IsAsciiDigit(symbol[^1]))
        {
            return false;
        }

        contract = new FuturesContract(root, 2000 + (symbol[^2] - '0') * 10 + (symbol[^1] - '0'), month);
        return true;
    }
}

/// <summary>
/// Which months a futures root lists, and so which contract follows which. The defaults are the exchanges' cycles for
/// the contracts we trade: ES, NQ (CME) and ZB (CBOT) quarterly — March, June, September, December (H M U Z); CL
/// (NYMEX) every month; GC (COMEX) the even months February, April, June, August, October, December (G J M Q V Z). A
/// root not listed is treated as monthly.
/// </summary>
public static class FuturesCalendar
{
    public static readonly IReadOnlyDictionary<string, string> DefaultCycles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["ES"] = "HMUZ",
        ["NQ"] = "HMUZ",
        ["ZB"] = "HMUZ",
        ["CL"] = FuturesContract.MonthCodes,
        ["GC"] = "GJMQVZ",
    };

    /// <summary>The month codes <paramref name="root"/> lists (from <paramref name="cycles"/>, else the defaults).</summary>
    public static string CycleOf(string root, IReadOnlyDictionary<string, string>? cycles = null) =>
        (cycles is not null && cycles.TryGetValue(root, out var configured)) || DefaultCycles.TryGetValue(root, out configured)
            ? configured.ToUpperInvariant()
            : FuturesContract.MonthCodes;

    /// <summary>
    /// The next listed contract after <paramref name="current"/> in its root's cycle, across the year end
    /// (ESZ24 → ESH25, CLZ24 → CLF25, GCZ24 → GCG25).
    /// </summary>
    /// <exception cref="ArgumentException">The cycle lists no month.</exception>
    public static FuturesContract Next(FuturesContract current, IReadOnlyDictionary<string, string>? cycles = null)
    {
        var cycle = CycleOf(current.Root, cycles);
        for (var step = 1; step <= 12; step++)
        {
            var month = (current.Month - 1 + step) % 12 + 1;
            if (cycle.Contains(FuturesContract.MonthCodes[month - 1]))
            {
                return new FuturesContract(current.Root, current.Year + (current.Month - 1 + step) / 12, month);
            }
        }

        throw new ArgumentException($"The listing cycle of {current.Root} names no month.", nameof(cycles));
    }
}
