// The browser session (see docs/tableau-de-bord.md): the access token lives in memory only; the
// refresh token is an HttpOnly cookie (Path=/api/auth) that JavaScript never reads. One refresh at a
// time in this tab (a shared promise) and across tabs (a Web Lock); a tab that refreshed shares its
// new access token with the others (BroadcastChannel), so tabs never spend the same refresh token twice.
import type { TokenResponse, User } from './types';

export type SessionState =
  | { status: 'unknown' }
  | { status: 'anonymous'; reason?: 'signed-out' | 'expired' }
  | { status: 'signed-in'; user: User };

type Listener = (state: SessionState) => void;
type SharedTokens = { type: 'tokens'; accessToken: string; user: User; at: number } | { type: 'signed-out'; at: number };

const LOCK_NAME = 'relais-session-refresh';
// Not a secret: only says "this browser signed in and has not signed out", so a first visit does not
// ask for a refresh that can only fail (a 401 in the console of every new visitor).
const HINT_KEY = 'relais.session';
const CHANNEL_NAME = 'relais-session';
export const REFRESH_TRANSPORT_HEADER = 'X-Refresh-Transport';

let accessToken: string | null = null;
let state: SessionState = { status: 'unknown' };
let inFlight: Promise<boolean> | null = null;
let lastShared: SharedTokens | null = null;
let language = 'fr';
const listeners = new Set<Listener>();

const channel: BroadcastChannel | null = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL_NAME);
channel?.addEventListener('message', (event: MessageEvent<SharedTokens>) => {
  const msg = event.data;
  lastShared = msg;
  if (msg.type === 'tokens') {
    accessToken = msg.accessToken;
    setState({ status: 'signed-in', user: msg.user });
  } else if (state.status === 'signed-in') {
    accessToken = null;
    setState({ status: 'anonymous', reason: 'signed-out' });
  }
});

function hint(on: boolean) {
  try {
    if (on) localStorage.setItem(HINT_KEY, '1');
    else localStorage.removeItem(HINT_KEY);
  } catch {
    // Storage refused: the refresh on load is simply always tried.
  }
}

function hinted(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) !== null;
  } catch {
    return true;
  }
}

function setState(next: SessionState) {
  state = next;
  listeners.forEach((l) => l(state));
}

function share(msg: SharedTokens) {
  lastShared = msg;
  channel?.postMessage(msg);
}

export const session = {
  getState: (): SessionState => state,
  getAccessToken: (): string | null => accessToken,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  setLanguage(lang: string) {
    language = lang;
  },
  getLanguage: () => language,

  /** Takes the tokens of a sign-in, a refresh or a password change. */
  accept(tokens: Pick<TokenResponse, 'accessToken' | 'user'>) {
    if (!tokens.accessToken || !tokens.user) return;
    accessToken = tokens.accessToken;
    hint(true);
    setState({ status: 'signed-in', user: tokens.user });
    share({ type: 'tokens', accessToken: tokens.accessToken, user: tokens.user, at: Date.now() });
  },

  updateUser(user: User) {
    if (state.status === 'signed-in') setState({ status: 'signed-in', user });
  },

  /** Forgets the session in this tab and the others (the server already ended it, or refused it). */
  end(reason: 'signed-out' | 'expired') {
    accessToken = null;
    hint(false);
    setState({ status: 'anonymous', reason });
    share({ type: 'signed-out', at: Date.now() });
  },

  /** Resolves once the first refresh (the one on page load) is settled. */
  async ensure(): Promise<SessionState> {
    if (state.status === 'unknown') {
      if (hinted()) await session.refresh();
      else setState({ status: 'anonymous' });
    }
    return state;
  },

  /**
   * Gets a new access token from the refresh cookie. Concurrent callers share one request; tabs take
   * turns, and a tab that waited adopts the token another tab just obtained instead of refreshing again.
   */
  refresh(): Promise<boolean> {
    if (!inFlight) {
      const askedAt = Date.now();
      inFlight = withLock(() => refreshOnce(askedAt)).finally(() => {
        inFlight = null;
      });
    }
    return inFlight;
  },

  /** Signs out: the server ends the session and clears the cookie; this tab and the others forget it. */
  async signOut(): Promise<void> {
    try {
      await fetch('/api/auth/logout', {
        method: 'POST',
        credentials: 'same-origin',
        headers: authHeaders({ [REFRESH_TRANSPORT_HEADER]: 'cookie' }),
      });
    } catch {
      // Offline: the session is still forgotten here; the cookie expires on its own.
    }
    session.end('signed-out');
  },
};

export function authHeaders(extra: Record<string, string> = {}): Record<string, string> {
  const headers: Record<string, string> = { 'Accept-Language': language, ...extra };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  return headers;
}

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request(LOCK_NAME, work) : work();
}

async function refreshOnce(askedAt: number): Promise<boolean> {
  // Another tab refreshed (or signed out) while this one waited for the lock: use its result.
  if (lastShared && lastShared.at >= askedAt) {
    if (lastShared.type === 'tokens') {
      accessToken = lastShared.accessToken;
      setState({ status: 'signed-in', user: lastShared.user });
      return true;
    }
    return false;
  }
  try {
    const res = await fetch('/api/auth/refresh', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Accept-Language': language, [REFRESH_TRANSPORT_HEADER]: 'cookie' },
    });
    if (!res.ok) {
      const wasSignedIn = state.status === 'signed-in';
      accessToken = null;
      hint(false);
      setState({ status: 'anonymous', reason: wasSignedIn ? 'expired' : undefined });
      return false;
    }
    session.accept((await res.json()) as TokenResponse);
    return true;
  } catch {
    if (state.status === 'unknown') setState({ status: 'anonymous' });
    return false;
  }
}

/** For tests: back to a fresh page load. */
export function resetSessionForTests() {
  accessToken = null;
  state = { status: 'unknown' };
  inFlight = null;
  lastShared = null;
  listeners.clear();
}
