using AqTrading.Backtest.Engine;

namespace AqTrading.Backtest.UnitTests;

public sealed class ChunkedListTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(1_000)]
    public void Holds_what_was_added_in_order_across_chunks_and_replaces_in_place(int count)
    {
        var list = new ChunkedList<(int, string)>();
        for (var i = 0; i < count; i++)
        {
            list.Add((i, $"r{i}"));
        }

        for (var i = 0; i < count; i += 3)
        {
            list.Set(i, (-i, "set"));
        }

        var expected = Enumerable.Range(0, count).Select(i => i % 3 == 0 ? (-i, "set") : (i, $"r{i}")).ToList();
        Assert.Equal(count, list.Count);
        Assert.Equal(expected, list);
        Assert.Equal(expected, Enumerable.Range(0, count).Select(i => list[i]));
        Assert.Throws<ArgumentOutOfRangeException>(() => list[count]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list.Set(count, (0, "")));
    }
}
