using System.Text.Json.Nodes;
using AqTrading.Reconciliation.Rules.Audit;

namespace AqTrading.Reconciliation.UnitTests;

public sealed class AuditChainTests
{
    private static List<AuditLink> Chain(int length)
    {
        var links = new List<AuditLink>();
        string? previous = null;
        for (var i = 1; i <= length; i++)
        {
            var record = new AuditRecord(i, Guid.NewGuid(), new DateTimeOffset(2026, 1, 1, 0, 0, i, TimeSpan.Zero).AddTicks(1234567),
                "order.filled", "service", "orders", "order", $"o{i}", "orders", $"{{\"n\":{i}}}");
            var hash = AuditChain.Hash(previous, record);
            links.Add(new AuditLink(record, previous, hash));
            previous = hash;
        }

        return links;
    }

    [Fact]
    public void An_intact_chain_verifies()
    {
        var result = AuditChain.Verify(Chain(5));
        Assert.True(result.IsValid);
        Assert.Equal(5, result.EntriesVerified);
    }

    [Fact]
    public void A_changed_row_breaks_the_chain_at_that_row()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { Record = chain[2].Record with { ActorId = "mallory" } };
        var result = AuditChain.Verify(chain);
        Assert.False(result.IsValid);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Equal(2, result.EntriesVerified);
    }

    [Fact]
    public void A_deleted_row_is_found_as_a_gap()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);
        Assert.Equal(3, AuditChain.Verify(chain).FirstBrokenSequence);
    }

    [Fact]
    public void A_rehashed_row_still_breaks_the_next_link()
    {
        var chain = Chain(4);
        var forged = chain[1].Record with { Details = "{\"n\":99}" };
        chain[1] = new AuditLink(forged, chain[1].PreviousHash, AuditChain.Hash(chain[1].PreviousHash, forged));
        Assert.Equal(3, AuditChain.Verify(chain).FirstBrokenSequence);
    }

    [Fact]
    public void Times_are_hashed_at_microsecond_precision_as_the_database_stores_them()
    {
        var record = Chain(1)[0].Record;
        var stored = record with { OccurredAt = AuditChain.Truncate(record.OccurredAt) };
        Assert.Equal(AuditChain.Hash(null, record), AuditChain.Hash(null, stored));
    }

    [Fact]
    public void Secrets_are_masked_recursively_and_keys_sorted()
    {
        var details = AuditDetails.Canonicalize(JsonNode.Parse("""{"z":1,"password":"hunter22","nested":{"apiKey":"abcdefgh","ok":"x"},"token":7}"""));
        Assert.Equal("""{"nested":{"apiKey":"ab****gh","ok":"x"},"password":"hu****22","token":"****","z":1}""", details);
    }
}
