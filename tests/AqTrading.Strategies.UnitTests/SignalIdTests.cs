using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AqTrading.Contracts.MarketData;
using AqTrading.Strategies.Engine;

namespace AqTrading.Strategies.UnitTests;

public sealed class SignalIdTests
{
    /// <summary>The id as documented, computed here with the platform's SHA-256 (the driver hashes in managed code).</summary>
    private static Guid Expected(string strategyId, string symbol, DateTimeOffset time, int ordinal, string? source = null)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{strategyId}|{symbol}|{time.UtcTicks}|{ordinal}") + (source is null ? "" : $"|{source}");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    [Theory]
    [InlineData("sma", "AAPL", 0)]
    [InlineData("momentum-1", "BRK.B", 3)]
    [InlineData("stratégie-é", "ÄÖÜ", 1)]                 // multi-byte UTF-8
    [InlineData("", "X", 0)]
    public void Signal_ids_are_the_sha256_of_strategy_symbol_time_and_ordinal(string strategyId, string symbol, int ordinal)
    {
        var time = new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.FromHours(-5));
        Assert.Equal(Expected(strategyId, symbol, time, ordinal), StrategyDriver.SignalId(strategyId, symbol, time, ordinal));
    }

    [Fact]
    public void Signal_ids_match_for_every_message_length_around_the_hash_block_boundaries()
    {
        // The text is "{id}|S|{ticks}|0": lengths 20–200 bytes cover one, two and several 64-byte blocks and every padding case.
        var time = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);
        for (var length = 0; length <= 180; length++)
        {
            var strategyId = new string('s', length);
            Assert.Equal(Expected(strategyId, "S", time, 0), StrategyDriver.SignalId(strategyId, "S", time, 0));
        }
    }

    [Fact]
    public void Different_inputs_give_different_ids_and_the_same_inputs_the_same_id()
    {
        var time = DateTimeOffset.UnixEpoch;
        Assert.Equal(StrategyDriver.SignalId("a", "B", time, 0), StrategyDriver.SignalId("a", "B", time, 0));
        Assert.NotEqual(StrategyDriver.SignalId("a", "B", time, 0), StrategyDriver.SignalId("a", "B", time, 1));
        Assert.NotEqual(StrategyDriver.SignalId("a", "B", time, 0), StrategyDriver.SignalId("a", "B", time.AddTicks(1), 0));
    }

    [Fact]
    public void A_source_is_hashed_after_the_four_parts_and_null_leaves_the_id_as_it_was()
    {
        var time = new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero);
        Assert.Equal(StrategyDriver.SignalId("s", "AAA", time, 0), StrategyDriver.SignalId("s", "AAA", time, 0, null));
        Assert.Equal(Expected("s", "AAA", time, 1, "quote:0:AAA"), StrategyDriver.SignalId("s", "AAA", time, 1, "quote:0:AAA"));
        Assert.Equal(Expected("s", "BBB", time, 0, "bar:AAA"), StrategyDriver.SignalId("s", "BBB", time, 0, "bar:AAA"));
        Assert.Null(StrategyDriver.Source("AAA", "AAA", quote: -1));
        Assert.Equal("bar:AAA", StrategyDriver.Source("BBB", "AAA", quote: -1));
        Assert.Equal("quote:2:AAA", StrategyDriver.Source("AAA", "AAA", quote: 2));
    }

    /// <summary>On every bar and quote: a buy of each of its symbols.</summary>
    private sealed class Everything() : Strategy("all", ["AAA", "BBB"])
    {
        public override int WarmupBars => 0;

        public override IReadOnlyList<Signal> OnBar(Bar bar, IStrategyContext context) => [.. Symbols.Select(s => Buy(context, s, 1m, $"bar {bar.Symbol}"))];

        public override IReadOnlyList<Signal> OnQuote(Quote quote, IStrategyContext context) => [.. Symbols.Select(s => Buy(context, s, 1m, $"quote {quote.Symbol}"))];
    }

    private static List<Signal> Drive()
    {
        // Every event at the same instant: bars of both symbols, then two quotes of AAA and one of BBB.
        var end = TestBars.Origin.AddMinutes(1);
        var driver = new StrategyDriver(new Everything(), "paper");
        driver.Start();
        var signals = new List<Signal>();
        signals.AddRange(driver.OnBar(TestBars.Bar("AAA", 0, 10m))!.Signals);
        signals.AddRange(driver.OnBar(TestBars.Bar("BBB", 0, 20m))!.Signals);
        foreach (var symbol in new[] { "AAA", "AAA", "BBB" })
        {
            signals.AddRange(driver.OnQuote(new Quote(symbol, 9m, 11m, null, 1, 1, end))!.Signals);
        }

        return signals;
    }

    [Fact]
    public void Signals_of_different_events_at_the_same_instant_get_different_ids()
    {
        // Ten signals for two symbols at one time: a bar of each symbol, a bar of the other symbol, two quotes of the same
        // symbol at the same instant — each signal's id is its own.
        var signals = Drive();
        Assert.Equal(10, signals.Count);
        Assert.All(signals, s => Assert.Equal(TestBars.Origin.AddMinutes(1), s.Time));
        Assert.Equal(10, signals.Select(s => s.Id).Distinct().Count());

        // A bar's signal for its own symbol keeps the four-part id; the others carry their event.
        Assert.Equal(StrategyDriver.SignalId("all", "AAA", signals[0].Time, 0), signals[0].Id);
        Assert.Equal(StrategyDriver.SignalId("all", "BBB", signals[0].Time, 1, "bar:AAA"), signals[1].Id);
        Assert.Equal(StrategyDriver.SignalId("all", "AAA", signals[0].Time, 0, "quote:1:AAA"), signals[6].Id);

        // And a replay of the same events gives the same ids.
        Assert.Equal(signals.Select(s => s.Id), Drive().Select(s => s.Id));
    }
}
