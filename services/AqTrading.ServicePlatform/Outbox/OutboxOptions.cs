namespace AqTrading.ServicePlatform.Outbox;

public sealed class OutboxOptions
{
    /// <summary>How often the publisher looks for unsent rows when nothing signalled it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows published per database transaction.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long one publish may take before the row is left for the next round (e.g. RabbitMQ is down).</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Off only in tests that simulate a crash between commit and publish.</summary>
    public bool PublisherEnabled { get; set; } = true;
}
