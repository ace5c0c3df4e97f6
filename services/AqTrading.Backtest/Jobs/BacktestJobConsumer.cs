using MassTransit;

namespace AqTrading.Backtest.Jobs;

/// <summary>
/// Takes jobs from the shared queue. Not an <c>IdempotentConsumer</c>: a job runs for seconds to minutes, far longer than a
/// transaction should stay open; the job row's conditional claim is what makes a redelivery harmless instead.
/// </summary>
public sealed class BacktestJobConsumer(JobWorker worker) : IConsumer<BacktestJobQueued>
{
    public Task Consume(ConsumeContext<BacktestJobQueued> context) =>
        worker.ProcessAsync(context.Message.JobId, context.ReceiveContext.Redelivered, context.CancellationToken);
}
