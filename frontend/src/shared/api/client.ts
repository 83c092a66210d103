import createClient from 'openapi-fetch';
import i18n from '../i18n';
import { ApiError, toApiError } from './problem';
import { authHeaders, REFRESH_TRANSPORT_HEADER, session } from './session';
import type { paths } from './schema';

const NO_RETRY = ['/api/auth/login', '/api/auth/refresh', '/api/auth/logout'];

function withHeaders(request: Request): Request {
  const headers = new Headers(request.headers);
  for (const [k, v] of Object.entries(authHeaders())) headers.set(k, v);
  if (new URL(request.url).pathname.startsWith('/api/auth/')) headers.set(REFRESH_TRANSPORT_HEADER, 'cookie');
  return new Request(request, { headers, credentials: 'same-origin' });
}

/**
 * Every API call goes through here: the bearer token and the UI language are added; a 401 on a
 * signed-in request waits for the one shared refresh and is replayed once with the new token.
 */
export async function sessionFetch(request: Request): Promise<Response> {
  const replay = request.clone();
  const hadToken = session.getAccessToken() !== null;
  // globalThis.fetch is read at call time so that test doubles (MSW) see the request.
  const response = await globalThis.fetch(withHeaders(request));
  const path = new URL(request.url).pathname;
  if (response.status !== 401 || !hadToken || NO_RETRY.includes(path)) return response;
  if (await session.refresh()) return globalThis.fetch(withHeaders(replay));
  session.end('expired');
  return response;
}

export const api = createClient<paths>({
  baseUrl: typeof window === 'undefined' ? 'http://localhost' : window.location.origin,
  fetch: sessionFetch,
});

/** openapi-fetch's answer → the data, or a thrown ApiError carrying the Problem. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError(0, { status: 0, title: i18n.t('errors.network'), code: 'network' });
  }
  if (!result.response.ok) throw toApiError(result.response, result.error);
  return result.data as T;
}
