/**
 * Compile-time check (as api/contract.ts does for the other areas) that the backtest page's hand-written shapes fit the
 * types generated from the service's OpenAPI document (web/openapi/backtest.json). A job's `request` and `result`, and a
 * grid's values, are free JSON there (JsonElement), so only their envelopes are checked.
 */
import type * as Backtest from '../api/generated/backtest'
import type { CostsRequest, Job, JobPage, RunRequest, SweepRequest, WalkForwardRequest } from './types'
import type { Expect, Fits } from '../api/fits'

type B = Backtest.components['schemas']

export type Checks = [
  Expect<Fits<Job, B['JobView']>>,
  Expect<Fits<JobPage, B['JobPage']>>,
  Expect<Fits<Omit<RunRequest, 'parameters' | 'costs' | 'sizing'>, B['RunRequest']>>,
  Expect<Fits<CostsRequest, B['CostsRequest']>>,
  Expect<Fits<Omit<SweepRequest, 'base' | 'grid'>, B['SweepRequest']>>,
  Expect<Fits<Omit<WalkForwardRequest, 'base' | 'grid'>, B['WalkForwardRequest']>>,
  Expect<Fits<NonNullable<RunRequest['sizing']>, B['SizingRequest']>>,
]
