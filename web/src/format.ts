/** Number formats shared by every page: money with the currency sign, prices with their ticks, P&L colours. */
export const money = (value: number, currency = 'USD') =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(value)

/** A signed amount: "+$12.50" / "-$3.00". */
export const signedMoney = (value: number, currency = 'USD') => (value > 0 ? '+' : '') + money(value, currency)

export const price = (value: number | null | undefined, digits = 2) =>
  value === null || value === undefined ? '—' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: Math.max(digits, 4) })

export const quantity = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 4 })

/** Green for a gain, red for a loss, nothing for zero. */
export const pnlTone = (value: number) => (value > 0 ? 'text-emerald-400' : value < 0 ? 'text-red-400' : 'text-slate-300')

export const time = (iso: string) => new Date(iso).toLocaleTimeString('en-US', { hour12: false })
