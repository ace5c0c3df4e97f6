/**
 * Compile-time check that the UI's hand-written types (types.ts, readable and used by every page) fit the types
 * generated from the services' OpenAPI documents (generated/, `npm run api:types`): every field the UI reads exists in
 * the API's schema with a compatible type. A renamed, removed or retyped field fails `tsc -b` (and so the build) here.
 * The documents themselves are checked against the running services by tests/AqTrading.BrowserTests (OpenApiDriftTests).
 */
import type * as Portfolio from './generated/portfolio'
import type * as Orders from './generated/orders'
import type * as Risk from './generated/risk'
import type * as Market from './generated/market'
import type * as Strategies from './generated/strategies'
import type { Account, Bar, Instrument, Order, Position, Quote, QuoteView, ServiceInfo, Signal, Strategy, StrategyPosition, TradingState } from './types'
import type { SubmitOrderBody } from '../orders/ticket'
import type { Expect, Fits } from './fits'

type P = Portfolio.components['schemas']
type O = Orders.components['schemas']
type R = Risk.components['schemas']
type M = Market.components['schemas']
type S = Strategies.components['schemas']

export type Checks = [
  Expect<Fits<Account, P['AccountView']>>,
  Expect<Fits<Position, P['PositionView']>>,
  Expect<Fits<ServiceInfo, P['ServiceInfo']>>,
  Expect<Fits<Order, O['Order']>>,
  Expect<Fits<SubmitOrderBody, O['SubmitOrderRequest']>>,
  Expect<Fits<TradingState, R['TradingStateView']>>,
  Expect<Fits<Instrument, M['Instrument']>>,
  Expect<Fits<Quote, M['Quote']>>,
  Expect<Fits<QuoteView, M['QuoteView']>>,
  Expect<Fits<Bar, M['Bar']>>,
  Expect<Fits<Strategy, S['StrategyView']>>,
  Expect<Fits<StrategyPosition, S['StrategyPosition']>>,
  Expect<Fits<Signal, S['SignalView']>>,
]
