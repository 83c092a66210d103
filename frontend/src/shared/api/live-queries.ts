// Live figures: an event invalidates the queries it concerns, at most once per `wait` ms per query
// (a campaign of 10 000 messages sends thousands of events; the page refetches once a second at most).
import { hashKey, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useLiveEvent, type LiveEventMap, type LiveEventName } from './events';

interface Slot {
  last: number;
  timer: ReturnType<typeof setTimeout> | null;
}
const slots = new Map<string, Slot>();

/** Invalidates `key` now, or once at the end of the current window if it was invalidated less than `wait` ms ago. */
export function throttledInvalidate(client: QueryClient, key: QueryKey, wait = 1000, now = Date.now()) {
  const id = hashKey(key);
  let slot = slots.get(id);
  if (!slot) slots.set(id, (slot = { last: 0, timer: null }));
  if (slot.timer) return;
  const elapsed = now - slot.last;
  const s = slot;
  if (elapsed >= wait) {
    s.last = now;
    void client.invalidateQueries({ queryKey: key });
    return;
  }
  s.timer = setTimeout(() => {
    s.timer = null;
    s.last = Date.now();
    void client.invalidateQueries({ queryKey: key });
  }, wait - elapsed);
}

/**
 * While mounted: each `event` invalidates `keys` (throttled). `filter` may skip events that do not
 * concern what is on screen.
 */
export function useLiveInvalidate<K extends LiveEventName>(event: K, keys: QueryKey[], filter?: (data: LiveEventMap[K]) => boolean, enabled = true) {
  const client = useQueryClient();
  useLiveEvent(
    event,
    (data) => {
      if (filter && !filter(data)) return;
      keys.forEach((k) => throttledInvalidate(client, k));
    },
    enabled,
  );
}

export function resetLiveQueriesForTests() {
  slots.forEach((s) => s.timer && clearTimeout(s.timer));
  slots.clear();
}
