using AqTrading.Contracts;

namespace AqTrading.Backtest.Jobs;

/// <summary>
/// A job is waiting for a worker. Written to the outbox in the same transaction as the job row and consumed from one
/// queue (<c>backtest-backtest-job</c>) by every replica of this service: competing consumers, so each job runs once and
/// more replicas run more jobs. A work item of this service only, so it lives here rather than in the shared contracts.
/// </summary>
public sealed record BacktestJobQueued(Guid JobId, DateTimeOffset OccurredAt) : IIntegrationEvent;
