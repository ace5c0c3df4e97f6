using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AqTrading.Strategies.Engine;

namespace AqTrading.Strategies.UnitTests;

public sealed class SignalIdTests
{
    /// <summary>The id as documented, computed here with the platform's SHA-256 (the driver hashes in managed code).</summary>
    private static Guid Expected(string strategyId, string symbol, DateTimeOffset time, int ordinal)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{strategyId}|{symbol}|{time.UtcTicks}|{ordinal}")));
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
}
