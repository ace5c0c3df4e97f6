using AqTrading.Contracts.MarketData;
using AqTrading.MarketData.Core.Bars;

namespace AqTrading.MarketData.UnitTests;

public sealed class BarAggregatorTests
{
    // 2026-03-02 is a Monday; New York is UTC−5 (EST).
    private static readonly DateTimeOffset Minute0 = new(2026, 3, 2, 14, 30, 0, TimeSpan.Zero);

    private static BarAggregator Minutes() => new([Resolutions.Minute], TimeSpan.FromSeconds(2));

    [Fact]
    public void A_bar_closes_when_a_tick_of_the_next_minute_arrives()
    {
        var aggregator = Minutes();
        Assert.Empty(aggregator.Add("aapl", Minute0.AddSeconds(1), 100m, 10));
        Assert.Empty(aggregator.Add("AAPL", Minute0.AddSeconds(20), 103m, 20));
        Assert.Empty(aggregator.Add("AAPL", Minute0.AddSeconds(40), 99m, 30));
        Assert.Empty(aggregator.Add("AAPL", Minute0.AddSeconds(59.999), 101m, 40));

        var closed = aggregator.Add("AAPL", Minute0.AddMinutes(1), 102m, 5);

        Assert.Equal([new Bar("AAPL", "1m", Minute0, Minute0.AddMinutes(1), 100m, 103m, 99m, 101m, 100)], closed);
        Assert.Equal(new Bar("AAPL", "1m", Minute0.AddMinutes(1), Minute0.AddMinutes(2), 102m, 102m, 102m, 102m, 5),
            aggregator.Current("AAPL", "1m"));
    }

    [Fact]
    public void The_timer_closes_an_idle_bar_only_after_its_end_plus_grace()
    {
        var aggregator = Minutes();
        aggregator.Add("AAPL", Minute0.AddSeconds(5), 100m, 10);

        Assert.Empty(aggregator.CloseDue(Minute0.AddMinutes(1)));
        Assert.Empty(aggregator.CloseDue(Minute0.AddMinutes(1).AddSeconds(1.9)));
        var closed = Assert.Single(aggregator.CloseDue(Minute0.AddMinutes(1).AddSeconds(2)));
        Assert.Equal(Minute0, closed.Start);
        Assert.Empty(aggregator.CloseDue(Minute0.AddMinutes(5)));
    }

    [Fact]
    public void A_late_tick_of_a_closed_minute_is_ignored_and_never_reopens_it()
    {
        var aggregator = Minutes();
        aggregator.Add("AAPL", Minute0.AddSeconds(5), 100m, 10);
        aggregator.Add("AAPL", Minute0.AddMinutes(1).AddSeconds(1), 101m, 10);

        Assert.Empty(aggregator.Add("AAPL", Minute0.AddSeconds(50), 500m, 10));

        Assert.Equal(1, aggregator.LateTicks);
        var next = Assert.Single(aggregator.Add("AAPL", Minute0.AddMinutes(2), 102m, 1));
        Assert.Equal(101m, next.High);
        Assert.Equal(10, next.Volume);
    }

    [Fact]
    public void An_out_of_order_tick_inside_the_bar_widens_it_but_does_not_move_the_close()
    {
        var aggregator = Minutes();
        aggregator.Add("AAPL", Minute0.AddSeconds(30), 100m, 10);
        aggregator.Add("AAPL", Minute0.AddSeconds(40), 101m, 10);
        aggregator.Add("AAPL", Minute0.AddSeconds(35), 90m, 10); // late, but inside the open bar
        aggregator.Add("AAPL", Minute0.AddSeconds(10), 95m, 10); // the earliest: the open

        var bar = Assert.Single(aggregator.CloseDue(Minute0.AddMinutes(2)));

        Assert.Equal((95m, 101m, 90m, 101m, 40L), (bar.Open, bar.High, bar.Low, bar.Close, bar.Volume));
    }

    [Fact]
    public void A_gap_produces_no_bars_for_the_silent_minutes()
    {
        var aggregator = Minutes();
        aggregator.Add("AAPL", Minute0, 100m, 1);

        var closed = aggregator.Add("AAPL", Minute0.AddMinutes(5).AddSeconds(3), 101m, 1);

        Assert.Equal(Minute0, Assert.Single(closed).Start);
        Assert.Equal(Minute0.AddMinutes(5), aggregator.Current("AAPL", "1m")!.Start);
    }

    [Fact]
    public void Symbols_are_aggregated_separately()
    {
        var aggregator = Minutes();
        aggregator.Add("AAPL", Minute0, 100m, 1);
        aggregator.Add("MSFT", Minute0.AddSeconds(1), 400m, 1);

        var closed = aggregator.Add("AAPL", Minute0.AddMinutes(1), 101m, 1);

        Assert.Equal("AAPL", Assert.Single(closed).Symbol);
        Assert.Equal(400m, aggregator.Current("MSFT", "1m")!.Close);
    }

    [Fact]
    public void A_daily_bar_is_the_new_york_day_and_closes_after_the_days_minute_bars()
    {
        var aggregator = new BarAggregator(Resolutions.All, TimeSpan.Zero);
        // 23:59:30 New York on 2 March = 04:59:30 UTC on 3 March.
        var lateEvening = new DateTimeOffset(2026, 3, 3, 4, 59, 30, TimeSpan.Zero);
        aggregator.Add("AAPL", Minute0, 100m, 1);
        aggregator.Add("AAPL", lateEvening, 110m, 1);

        var closed = aggregator.Add("AAPL", lateEvening.AddSeconds(31), 111m, 1);

        Assert.Equal(["1m", "1d"], closed.Select(b => b.Resolution));
        var day = closed[1];
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 5, 0, 0, TimeSpan.Zero), day.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 5, 0, 0, TimeSpan.Zero), day.End);
        Assert.Equal((100m, 110m, 2L), (day.Open, day.Close, day.Volume));
    }

    [Fact]
    public void The_daily_bar_of_the_spring_forward_day_is_23_hours()
    {
        var (start, end) = Resolutions.PeriodOf(Resolutions.Day, new DateTimeOffset(2026, 3, 8, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 3, 8, 5, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(TimeSpan.FromHours(23), end - start);
    }
}
