using AqTrading.Contracts.MarketData;

namespace AqTrading.MarketData.Core.Import;

/// <summary>The checks every imported or replayed bar passes.</summary>
public static class BarValidation
{
    public const int MaxSymbolLength = 32;

    /// <summary>Null when the bar is sound, else a sentence naming what is wrong.</summary>
    public static string? Check(Bar bar)
    {
        if (!IsSymbol(bar.Symbol))
        {
            return $"'{bar.Symbol}' is not a symbol (1 to {MaxSymbolLength} characters, no spaces).";
        }

        if (bar.Open <= 0 || bar.High <= 0 || bar.Low <= 0 || bar.Close <= 0)
        {
            return "Prices must be positive.";
        }

        if (bar.High < Math.Max(bar.Open, bar.Close) || bar.Low > Math.Min(bar.Open, bar.Close) || bar.Low > bar.High)
        {
            return $"High {bar.High} and low {bar.Low} must contain open {bar.Open} and close {bar.Close}.";
        }

        return bar.Volume < 0 ? "Volume cannot be negative." : null;
    }

    public static bool IsSymbol(string? symbol) =>
        !string.IsNullOrWhiteSpace(symbol) && symbol.Length <= MaxSymbolLength && !symbol.Any(char.IsWhiteSpace);
}
