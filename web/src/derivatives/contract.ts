/**
 * Compile-time check (as src/api/contract.ts does for the other pages) that the Derivatives page's hand-written types
 * fit the types generated from the derivatives service's OpenAPI document: a renamed, removed or retyped field fails `tsc -b`.
 */
import type * as Derivatives from '../api/generated/derivatives'
import type { CalculatorResult, ExpirationAction, ExpiringContract, ExpiringList, RollExecution, RollLeg, RollOrder, RollPlan } from './types'
import type { CalculatorBody } from './calculator'
import type { Expect, Fits } from '../api/fits'

type D = Derivatives.components['schemas']

export type Checks = [
  Expect<Fits<ExpiringContract, D['ExpiringContract']>>,
  Expect<Fits<ExpiringList, D['ExpiringList']>>,
  Expect<Fits<ExpirationAction, D['ExpirationAction']>>,
  Expect<Fits<RollPlan, D['RollPlan']>>,
  Expect<Fits<RollLeg, D['RollLeg']>>,
  Expect<Fits<RollOrder, D['RollOrder']>>,
  Expect<Fits<RollExecution, D['RollExecution']>>,
  Expect<Fits<CalculatorResult, D['CalculatorResult']>>,
  Expect<Fits<CalculatorBody, D['CalculatorRequest']>>,
]
