using System.Text.Json;
using AqTrading.Agents.Abstractions.Writes;

namespace AqTrading.Agents.UnitTests;

public class RedisWriteRulesTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "1")]
    [InlineData("0.9", "0.9")]
    [InlineData("0.25", "0.25")]
    public void Risk_bias_in_0_to_1_is_stored_as_a_plain_number_without_ttl(string value, string stored)
    {
        var (write, error) = RedisWriteRules.Validate("risk_bias", Json(value), null);

        Assert.Null(error);
        Assert.Equal(new RedisWrite("risk_bias", stored, null), write);
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("1.01")]
    [InlineData("\"0.5\"")]
    [InlineData("null")]
    [InlineData("{}")]
    public void Risk_bias_outside_0_to_1_or_not_a_number_is_refused(string value)
    {
        var (write, error) = RedisWriteRules.Validate("risk_bias", Json(value), null);

        Assert.Null(write);
        Assert.Contains("[0, 1]", error);
    }

    [Fact]
    public void Risk_bias_takes_no_ttl() =>
        Assert.Null(RedisWriteRules.Validate("risk_bias", Json("0.5"), 3600).Write);

    [Theory]
    [InlineData("-1")]
    [InlineData("1")]
    [InlineData("0.3")]
    public void Sentiment_in_minus_1_to_1_gets_the_default_hour_ttl(string value)
    {
        var (write, error) = RedisWriteRules.Validate("sentiment:AAPL", Json(value), null);

        Assert.Null(error);
        Assert.Equal(TimeSpan.FromHours(1), write!.Ttl);
        Assert.Equal(double.Parse(value, System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(write.Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("sentiment:AAPL", "1.5", null)]
    [InlineData("sentiment:AAPL", "-1.0001", null)]
    [InlineData("sentiment:aapl", "0.1", null)]
    [InlineData("sentiment:", "0.1", null)]
    [InlineData("sentiment:AAPL", "0.1", 30.0)]
    [InlineData("sentiment:AAPL", "0.1", 700000.0)]
    public void Sentiment_out_of_range_with_a_bad_symbol_or_ttl_is_refused(string key, string value, double? ttl) =>
        Assert.Null(RedisWriteRules.Validate(key, Json(value), ttl).Write);

    [Fact]
    public void A_sentiment_ttl_within_bounds_is_kept() =>
        Assert.Equal(TimeSpan.FromMinutes(10), RedisWriteRules.Validate("sentiment:SPY", Json("0.2"), 600).Write!.Ttl);

    [Fact]
    public void Event_tags_are_json_objects_kept_a_day_by_default()
    {
        var (write, error) = RedisWriteRules.Validate("events:FOMC", Json("{\"type\":\"FOMC\",\"at\":\"2026-12-10\"}"), null);

        Assert.Null(error);
        Assert.Equal(TimeSpan.FromHours(24), write!.Ttl);
        Assert.Equal("FOMC", JsonDocument.Parse(write.Value).RootElement.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("events:FOMC", "\"FOMC\"")]
    [InlineData("events:FOMC", "3")]
    [InlineData("events:", "{}")]
    [InlineData("events:a b", "{}")]
    public void Event_tags_that_are_not_objects_or_have_a_bad_type_are_refused(string key, string value) =>
        Assert.Null(RedisWriteRules.Validate(key, Json(value), null).Write);

    [Theory]
    [InlineData("quote:AAPL")]
    [InlineData("risk_bias:x")]
    [InlineData("pnl:paper")]
    public void Keys_outside_the_three_families_are_refused(string key)
    {
        var (write, error) = RedisWriteRules.Validate(key, Json("0.5"), null);

        Assert.Null(write);
        Assert.Contains("not a key agents may write", error);
    }
}
