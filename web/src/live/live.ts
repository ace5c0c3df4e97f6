import { HubConnectionBuilder, HubConnectionState, HttpTransportType, LogLevel, type HubConnection } from '@microsoft/signalr'
import { currentSession } from '../api/auth'

/** The channels the gateway's /hubs/live relays (docs/ARCHITECTURE.md, Live updates). */
export const channels = {
  quotes: (symbol: string) => `quotes:${symbol.toUpperCase()}`,
  orders: 'orders:updates',
  portfolio: 'portfolio:updates',
  backtest: 'backtest:progress',
  greeks: 'greeks:updates',
} as const

export type LiveStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected'

export interface LiveState {
  status: LiveStatus
  /** Epoch ms of the last message on any channel, or null before the first. */
  lastMessageAt: number | null
}

type Listener = (payload: unknown) => void

/** What pages need from live updates; the browser uses SignalR, component tests a fake (test/fakeLive.ts). */
export interface LiveClient {
  subscribe(channel: string, listener: Listener): () => void
  state(): LiveState
  onState(listener: () => void): () => void
}

/**
 * One SignalR connection per tab to /hubs/live, shared by every page: a channel is subscribed on the hub while at
 * least one component listens to it, and re-subscribed after a reconnect. WebSockets only (skipNegotiation), so
 * the connection works behind several gateway replicas without sticky sessions; the token goes as access_token.
 */
export class SignalRLiveClient implements LiveClient {
  private connection: HubConnection | null = null
  private readonly listeners = new Map<string, Set<Listener>>()
  private readonly stateListeners = new Set<() => void>()
  private current: LiveState = { status: 'idle', lastMessageAt: null }
  private retryTimer: ReturnType<typeof setTimeout> | null = null

  subscribe(channel: string, listener: Listener): () => void {
    let set = this.listeners.get(channel)
    if (!set) {
      set = new Set()
      this.listeners.set(channel, set)
      void this.hubSubscribe(channel)
    }
    set.add(listener)
    this.ensureStarted()
    return () => {
      const s = this.listeners.get(channel)
      if (!s) return
      s.delete(listener)
      if (s.size === 0) {
        this.listeners.delete(channel)
        if (this.connection?.state === HubConnectionState.Connected) {
          void this.connection.invoke('Unsubscribe', channel).catch(() => undefined)
        }
      }
    }
  }

  state(): LiveState {
    return this.current
  }

  onState(listener: () => void): () => void {
    this.stateListeners.add(listener)
    return () => this.stateListeners.delete(listener)
  }

  private setState(patch: Partial<LiveState>) {
    this.current = { ...this.current, ...patch }
    for (const l of this.stateListeners) l()
  }

  private ensureStarted() {
    if (this.connection) return
    const connection = new HubConnectionBuilder()
      .withUrl('/hubs/live', {
        accessTokenFactory: () => currentSession()?.token ?? '',
        transport: HttpTransportType.WebSockets,
        skipNegotiation: true,
      })
      .withAutomaticReconnect([0, 1_000, 2_000, 5_000, 10_000])
      .configureLogging(LogLevel.Warning)
      .build()
    connection.on('message', (channel: string, json: string) => {
      const set = this.listeners.get(channel)
      this.setState({ lastMessageAt: Date.now() })
      if (!set) return
      let payload: unknown
      try {
        payload = JSON.parse(json)
      } catch {
        return
      }
      for (const l of set) l(payload)
    })
    connection.onreconnecting(() => this.setState({ status: 'reconnecting' }))
    connection.onreconnected(() => {
      this.setState({ status: 'connected' })
      this.resubscribeAll()
    })
    connection.onclose(() => {
      this.setState({ status: 'disconnected' })
      this.scheduleRestart()
    })
    this.connection = connection
    void this.start()
  }

  private async start() {
    if (!this.connection) return
    this.setState({ status: 'connecting' })
    try {
      await this.connection.start()
      this.setState({ status: 'connected' })
      this.resubscribeAll()
    } catch {
      this.setState({ status: 'disconnected' })
      this.scheduleRestart()
    }
  }

  /** Automatic reconnect gives up after its schedule; keep trying every 5 s while anything listens. */
  private scheduleRestart() {
    if (this.retryTimer || this.listeners.size === 0 || !currentSession()) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      if (this.connection?.state === HubConnectionState.Disconnected) void this.start()
    }, 5_000)
  }

  private resubscribeAll() {
    for (const channel of this.listeners.keys()) void this.hubSubscribe(channel)
  }

  private async hubSubscribe(channel: string) {
    if (this.connection?.state !== HubConnectionState.Connected) return
    try {
      await this.connection.invoke('Subscribe', channel)
    } catch {
      // An unknown channel is refused by the hub; the page keeps its HTTP data.
    }
  }

  /** Closes the connection (sign-out). */
  async stop() {
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    const c = this.connection
    this.connection = null
    this.listeners.clear()
    this.setState({ status: 'idle', lastMessageAt: null })
    await c?.stop()
  }
}

let client: LiveClient | null = null
let factory: () => LiveClient = () => new SignalRLiveClient()

export function liveClient(): LiveClient {
  client ??= factory()
  return client
}

/** How clients are made (component tests make a fake one: test/fakeLive.ts). */
export function setLiveClientFactory(make: () => LiveClient) {
  factory = make
  setLiveClient(null)
}

/** Replaces the client (component tests install a fake; sign-out drops the connection). */
export function setLiveClient(next: LiveClient | null) {
  const previous = client
  client = next
  if (previous instanceof SignalRLiveClient && previous !== next) void previous.stop()
}
