import type { LiveClient, LiveState } from '../live/live'

/** Live updates in component tests: `emit` delivers a message to the components subscribed to the channel. */
export class FakeLive implements LiveClient {
  readonly listeners = new Map<string, Set<(payload: unknown) => void>>()
  private current: LiveState = { status: 'connected', lastMessageAt: null }
  private readonly stateListeners = new Set<() => void>()

  subscribe(channel: string, listener: (payload: unknown) => void) {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set())
    this.listeners.get(channel)!.add(listener)
    return () => void this.listeners.get(channel)?.delete(listener)
  }

  state() {
    return this.current
  }

  onState(listener: () => void) {
    this.stateListeners.add(listener)
    return () => void this.stateListeners.delete(listener)
  }

  subscribed(channel: string) {
    return (this.listeners.get(channel)?.size ?? 0) > 0
  }

  emit(channel: string, payload: unknown) {
    this.current = { ...this.current, lastMessageAt: Date.now() }
    for (const l of this.stateListeners) l()
    for (const l of this.listeners.get(channel) ?? []) l(payload)
  }
}
