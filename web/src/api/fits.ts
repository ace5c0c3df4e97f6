/**
 * The type-level check every contract file uses (api/contract.ts, api/opsContract.ts, backtest/, derivatives/, greeks/):
 * `Fits<Hand, Api>` is true when every key of the UI's hand-written type is in the type generated from the service's
 * OpenAPI document and its value type is assignable there (nullability aside); `Expect` makes a false one fail `tsc -b`.
 */
export type FieldFits<H, A> = H extends NonNullable<A> | null | undefined ? true : false
export type Fits<Hand, Api> = { [K in keyof Hand]-?: K extends keyof Api ? FieldFits<Hand[K], Api[K]> : false }[keyof Hand]
export type Expect<T extends true> = T
