/**
 * Compile-time check (as src/api/contract.ts does for the other pages) that the Greeks page's hand-written types fit
 * the types generated from risk's OpenAPI document: a renamed, removed or retyped field fails `tsc -b`.
 */
import type * as Risk from '../api/generated/risk'
import type { AccountGreeks, DollarGreeks, GreekLevels, GreeksAggregate, GreeksAlert, GreeksHistory, GreeksLimitsView, GreeksScenario, PositionGreeks, ScenarioView } from './types'
import type { Expect, Fits } from '../api/fits'

type R = Risk.components['schemas']

export type Checks = [
  Expect<Fits<AccountGreeks, R['AccountGreeksView']>>,
  Expect<Fits<GreeksAggregate, R['GreeksAggregateView']>>,
  Expect<Fits<DollarGreeks, R['DollarGreeksView']>>,
  Expect<Fits<PositionGreeks, R['PositionGreeksView']>>,
  Expect<Fits<GreekLevels, R['GreekLevels']>>,
  Expect<Fits<GreeksLimitsView, R['GreeksLimitsView']>>,
  Expect<Fits<GreeksHistory, R['HistoryView']>>,
  Expect<Fits<GreeksAlert, R['AlertView']>>,
  Expect<Fits<GreeksScenario, R['GreeksScenario']>>,
  Expect<Fits<ScenarioView, R['ScenarioView']>>,
]
