/** The option calculator's form (POST /api/derivatives/calculator): text fields in, the request body or field errors out. */

export interface CalculatorFields {
  model: 'bsm' | 'black76' | 'american'
  right: 'call' | 'put'
  spot: string
  strike: string
  years: string
  rate: string
  dividendYield: string
  /** Solve implied volatility from a market price instead of pricing with a volatility. */
  solveFrom: 'volatility' | 'price'
  volatility: string
  price: string
}

export const defaultCalculatorFields: CalculatorFields = {
  model: 'bsm', right: 'call', spot: '100', strike: '100', years: '0.25', rate: '0.05', dividendYield: '0',
  solveFrom: 'volatility', volatility: '0.2', price: '',
}

export interface CalculatorBody {
  model: string
  right: string
  spot?: number
  strike?: number
  years?: number
  rate?: number
  dividendYield?: number
  volatility?: number
  price?: number
}

/**
 * The request body. A blank field is left out, so the service names it when it is required (its ProblemDetails is
 * what the form shows); text that is not a number is refused here, since JSON cannot carry it.
 */
export function buildCalculatorRequest(f: CalculatorFields): { body?: CalculatorBody; errors?: Record<string, string> } {
  const errors: Record<string, string> = {}
  const body: CalculatorBody = { model: f.model, right: f.right }
  const numeric: (keyof CalculatorBody & keyof CalculatorFields)[] = ['spot', 'strike', 'years', 'rate', 'dividendYield']
  numeric.push(f.solveFrom === 'price' ? 'price' : 'volatility')
  for (const key of numeric) {
    const text = String(f[key]).trim()
    if (text === '') continue
    const value = Number(text)
    if (!Number.isFinite(value)) {
      errors[key] = `${key} must be a number.`
      continue
    }
    ;(body as unknown as Record<string, number>)[key] = value
  }
  return Object.keys(errors).length > 0 ? { errors } : { body }
}
