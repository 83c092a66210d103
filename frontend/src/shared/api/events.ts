// The live event stream (GET /api/events, Server-Sent Events; see docs/api.md §Événements en direct).
// One connection per tab, opened while at least one component listens and the session is signed in.
// EventSource cannot send the bearer token, so each connection starts with a single-use ticket; a
// ticket cannot be reused by EventSource's own reconnection, so on any error this module closes the
// stream and opens a new one (new ticket, `lastEventId` of the last event seen) with a backoff.
// The server replays what was missed or sends `resync` when it cannot: listeners refetch then.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { sessionFetch } from './client';
import { session } from './session';
import type { components } from './schema';

type Schemas = components['schemas'];

/** The events and their payloads. A new server event: add its name and schema here. */
export interface LiveEventMap {
  'message.status': Schemas['MessageStatusEvent'];
  'message.inbound': Schemas['MessageInboundEvent'];
  'campaign.progress': Schemas['CampaignProgressEvent'];
  'import.progress': Schemas['ImportProgressEvent'];
  'quota.level': Schemas['QuotaLevelEvent'];
  resync: Schemas['ResyncEvent'];
}
export type LiveEventName = keyof LiveEventMap;

/** What the tab's connection is doing, for the "live" indicator. */
export type LiveStatus = 'idle' | 'connecting' | 'open' | 'reconnecting';

type Handler = (data: unknown) => void;

interface EventSourceLike {
  addEventListener(type: string, listener: (e: MessageEvent) => void): void;
  close(): void;
  onopen: ((e: Event) => void) | null;
  onerror: ((e: Event) => void) | null;
}
type EventSourceFactory = (url: string) => EventSourceLike;

const IDLE_CLOSE_MS = 10_000;
const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 20_000, 30_000];

const handlers = new Map<string, Set<Handler>>();
const statusListeners = new Set<() => void>();
let source: EventSourceLike | null = null;
let listened = new Set<string>();
let status: LiveStatus = 'idle';
let lastEventId: string | null = null;
let attempt = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
let idleTimer: ReturnType<typeof setTimeout> | null = null;
let generation = 0;
let factory: EventSourceFactory = (url) => new EventSource(url);

function setStatus(next: LiveStatus) {
  if (status === next) return;
  status = next;
  statusListeners.forEach((l) => l());
}

function listenerCount(): number {
  let n = 0;
  handlers.forEach((set) => (n += set.size));
  return n;
}

function dispatch(name: string, e: MessageEvent) {
  if (e.lastEventId) lastEventId = e.lastEventId;
  let data: unknown;
  try {
    data = JSON.parse(e.data as string);
  } catch {
    return;
  }
  handlers.get(name)?.forEach((h) => {
    try {
      h(data);
    } catch (err) {
      console.warn(`live event ${name}: a listener failed`, err);
    }
  });
}

function listen(name: string) {
  if (!source || listened.has(name)) return;
  listened.add(name);
  source.addEventListener(name, (e) => dispatch(name, e));
}

function close() {
  generation++;
  if (timer) clearTimeout(timer);
  timer = null;
  source?.close();
  source = null;
  listened = new Set();
}

function scheduleReconnect(immediately = false) {
  close();
  if (!wanted()) {
    setStatus('idle');
    return;
  }
  setStatus('reconnecting');
  const delay = immediately ? 0 : (BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 30_000) * (0.75 + Math.random() * 0.5);
  attempt++;
  timer = setTimeout(() => void open(), delay);
}

function wanted(): boolean {
  return listenerCount() > 0 && session.getState().status === 'signed-in';
}

async function open() {
  const mine = ++generation;
  if (!wanted()) {
    setStatus('idle');
    return;
  }
  if (status !== 'reconnecting') setStatus('connecting');
  let ticket: string;
  try {
    // Through the session's fetch: an expired access token is refreshed once, as for any call.
    const res = await sessionFetch(new Request(new URL('/api/events/ticket', window.location.origin), { method: 'POST' }));
    if (mine !== generation) return;
    if (!res.ok) {
      if (res.status === 401) return; // The session ended: the session listener below closes everything.
      scheduleReconnect();
      return;
    }
    ticket = ((await res.json()) as { ticket: string }).ticket;
  } catch {
    if (mine === generation) scheduleReconnect();
    return;
  }
  if (mine !== generation) return;
  const url = new URL('/api/events', window.location.origin);
  url.searchParams.set('ticket', ticket);
  if (lastEventId) url.searchParams.set('lastEventId', lastEventId);
  const es = factory(url.pathname + url.search);
  source = es;
  listened = new Set();
  es.onopen = () => {
    if (source !== es) return;
    attempt = 0;
    setStatus('open');
  };
  // EventSource would retry with the spent ticket: start over with a new one instead.
  es.onerror = () => {
    if (source === es) scheduleReconnect();
  };
  // The server says this tab fell behind: reconnect at once from the last event seen.
  es.addEventListener('reconnect', (e) => {
    if (e.lastEventId) lastEventId = e.lastEventId;
    if (source === es) scheduleReconnect(true);
  });
  handlers.forEach((set, name) => set.size > 0 && listen(name));
}

function ensureOpen() {
  if (source || timer || status === 'connecting') return;
  void open();
}

let sessionWatch: (() => void) | null = null;

/** Follows the session: signed out closes the stream; signed in (again) reopens it if someone listens. */
function watchSession() {
  if (sessionWatch) return;
  sessionWatch = session.subscribe((state) => {
    if (state.status !== 'signed-in') {
      close();
      lastEventId = null;
      setStatus('idle');
    } else if (listenerCount() > 0) {
      ensureOpen();
    }
  });
}

if (typeof window !== 'undefined') {
  // Back online: do not wait for the backoff.
  window.addEventListener('online', () => {
    if (wanted() && status !== 'open') scheduleReconnect(true);
  });
}

/** Listens to one event; returns the function that stops listening. Opens the tab's stream if needed. */
export function subscribeLiveEvent<K extends LiveEventName>(name: K, handler: (data: LiveEventMap[K]) => void): () => void {
  let set = handlers.get(name);
  if (!set) handlers.set(name, (set = new Set()));
  const h = handler as Handler;
  set.add(h);
  watchSession();
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  listen(name);
  if (wanted()) ensureOpen();
  return () => {
    set.delete(h);
    // Moving from one page to the next unmounts one listener before the next mounts: keep the
    // connection a few seconds rather than reconnecting on every navigation.
    if (listenerCount() === 0 && !idleTimer) {
      idleTimer = setTimeout(() => {
        idleTimer = null;
        if (listenerCount() > 0) return;
        close();
        setStatus('idle');
      }, IDLE_CLOSE_MS);
    }
  };
}

/**
 * Calls `handler` for each `name` event while the component is mounted (and `enabled`). The handler
 * may change between renders without reconnecting.
 */
export function useLiveEvent<K extends LiveEventName>(name: K, handler: (data: LiveEventMap[K]) => void, enabled = true) {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    if (!enabled) return;
    return subscribeLiveEvent(name, (data) => ref.current(data));
  }, [name, enabled]);
}

export const liveStatus = {
  get: (): LiveStatus => status,
  subscribe(listener: () => void) {
    statusListeners.add(listener);
    return () => statusListeners.delete(listener);
  },
};

/** The tab's connection state: 'open' when events arrive live. */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(liveStatus.subscribe, liveStatus.get, liveStatus.get);
}

/** For tests: a stand-in for the browser's EventSource (jsdom has none), and a fresh module state. */
export function setEventSourceFactoryForTests(f: EventSourceFactory) {
  factory = f;
}
export function resetLiveEventsForTests() {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  close();
  handlers.clear();
  lastEventId = null;
  attempt = 0;
  sessionWatch?.();
  sessionWatch = null;
  setStatus('idle');
}
