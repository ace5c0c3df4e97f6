import { useEffect, useRef, useSyncExternalStore } from 'react'
import { liveClient, type LiveState } from './live'

/**
 * Calls `onMessage` with each message pushed on the channel while the component is mounted (null: no channel).
 * The handler may change between renders without resubscribing.
 */
export function useLive<T>(channel: string | null, onMessage: (payload: T) => void) {
  const handler = useRef(onMessage)
  handler.current = onMessage
  useEffect(() => {
    if (!channel) return
    return liveClient().subscribe(channel, (payload) => handler.current(payload as T))
  }, [channel])
}

/** The live connection's status and the time of its last message, re-rendering when either changes. */
export function useLiveState(): LiveState {
  return useSyncExternalStore(
    (listener) => liveClient().onState(listener),
    () => liveClient().state(),
  )
}
