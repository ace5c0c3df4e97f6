using AqTrading.Derivatives.Pricing.Expiration;

namespace AqTrading.Derivatives.UnitTests.Expiration;

public sealed class ExpiryWarningsTests
{
    [Theory]
    [InlineData(0, new[] { 0, 1, 3, 7 })]  // expiring today: every threshold (catch-up)
    [InlineData(1, new[] { 1, 3, 7 })]
    [InlineData(2, new[] { 3, 7 })]
    [InlineData(3, new[] { 3, 7 })]
    [InlineData(6, new[] { 7 })]
    [InlineData(7, new[] { 7 })]
    [InlineData(8, new int[0])]
    [InlineData(-1, new int[0])]           // expired: nothing to warn of
    public void Every_threshold_at_or_above_the_days_left_is_due(int daysToExpiry, int[] expected) =>
        Assert.Equal(expected, ExpiryWarnings.Due(daysToExpiry));
}
