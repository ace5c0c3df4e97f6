/** Every page of the product, in sidebar order. `area` is the API area whose service backs the page. */
export interface PageRoute {
  path: string
  label: string
  area: string
  description: string
  /** The sidebar section the page sits in. */
  group: 'Trading' | 'Research' | 'Risk' | 'Operations'
}

export const pages: PageRoute[] = [
  { path: '/', label: 'Dashboard', area: 'portfolio', description: 'Account summary, positions, open orders, kill switch.', group: 'Trading' },
  { path: '/orders', label: 'Orders', area: 'orders', description: 'Blotter with filters and the order ticket.', group: 'Trading' },
  { path: '/strategies', label: 'Strategies', area: 'strategies', description: 'Live strategies, their status and signals.', group: 'Trading' },
  { path: '/backtest', label: 'Backtest', area: 'backtest', description: 'Backtests, statistics, benchmark, walk-forward.', group: 'Research' },
  { path: '/derivatives', label: 'Derivatives', area: 'derivatives', description: 'Expirations, exercise and assignment, futures roll.', group: 'Risk' },
  { path: '/greeks', label: 'Greeks', area: 'risk', description: 'Portfolio Greeks against their limits.', group: 'Risk' },
  { path: '/market', label: 'Market data', area: 'market', description: 'Instruments, quotes and bars.', group: 'Trading' },
  { path: '/agents', label: 'Agents', area: 'agents', description: 'Invoke agents, their runs and permissions.', group: 'Research' },
  { path: '/reconciliation', label: 'Reconciliation', area: 'reconciliation', description: 'Our books against the broker.', group: 'Operations' },
  { path: '/alerts', label: 'Alerts', area: 'reconciliation', description: 'Alerts from every service.', group: 'Operations' },
  { path: '/audit', label: 'Audit', area: 'reconciliation', description: 'Who did what, with chain verification.', group: 'Operations' },
  { path: '/system', label: 'System', area: 'system', description: 'Every service and its health.', group: 'Operations' },
]

/** The API areas behind the gateway, one per service (risk also answers /api/greeks). */
export const serviceAreas = [
  'portfolio', 'risk', 'orders', 'market', 'strategies', 'backtest', 'derivatives', 'reconciliation', 'agents',
] as const
