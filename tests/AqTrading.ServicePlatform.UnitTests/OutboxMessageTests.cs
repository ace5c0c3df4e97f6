using AqTrading.Contracts.MarketData;
using AqTrading.ServicePlatform.Outbox;

namespace AqTrading.ServicePlatform.UnitTests;

public sealed class OutboxMessageTests
{
    private static readonly InstrumentRegistered Event = new("ESZ6", "future", 50m, 0.25m, "USD", "CME", "ES",
        new DateOnly(2026, 12, 18), null, null, new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_event_survives_the_round_trip_through_its_outbox_row()
    {
        var row = OutboxMessage.From(Event);

        Assert.Equal(typeof(InstrumentRegistered), row.ResolveType());
        Assert.Equal(Event, row.Deserialize());
        Assert.Equal(Event.OccurredAt, row.OccurredAt);
        Assert.Null(row.SentAt);
    }

    [Fact]
    public void Each_row_gets_its_own_time_ordered_message_id()
    {
        var first = OutboxMessage.From(Event);
        var second = OutboxMessage.From(Event with { OccurredAt = Event.OccurredAt.AddMilliseconds(1) });

        Assert.NotEqual(first.Id, second.Id);
        Assert.True(first.Id.CompareTo(second.Id) < 0, "version 7 ids sort by time");
    }

    [Fact]
    public void The_payload_is_plain_json_other_services_can_read()
    {
        var row = OutboxMessage.From(Event);

        Assert.Contains("\"symbol\":\"ESZ6\"", row.Payload);
        Assert.Contains("\"expiry\":\"2026-12-18\"", row.Payload);
    }
}
