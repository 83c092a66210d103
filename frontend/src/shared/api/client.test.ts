import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { problem, superAdmin, tokens } from '../testing/handlers';
import { server } from '../testing/server';
import { api, unwrap } from './client';
import { ApiError } from './problem';
import { session } from './session';

function signedIn(accessToken = 'old-token') {
  session.accept({ accessToken, user: superAdmin });
}

describe('the API client', () => {
  it('sends the bearer token and the UI language', async () => {
    signedIn('token-a');
    session.setLanguage('en');
    let seen: Headers | undefined;
    server.use(
      http.get('*/api/whatsapp/settings', ({ request }) => {
        seen = request.headers;
        return HttpResponse.json({ provider: 'simulator' });
      }),
    );
    await unwrap(api.GET('/api/whatsapp/settings'));
    expect(seen?.get('authorization')).toBe('Bearer token-a');
    expect(seen?.get('accept-language')).toBe('en');
    session.setLanguage('fr');
  });

  it('shares one refresh between concurrent 401s and replays each request with the new token', async () => {
    signedIn('expired-token');
    let refreshes = 0;
    let refreshRequest: Request | undefined;
    server.use(
      http.post('*/api/auth/refresh', async ({ request }) => {
        refreshes++;
        refreshRequest = request.clone();
        await new Promise((r) => setTimeout(r, 20));
        return HttpResponse.json(tokens(superAdmin, 'fresh-token'));
      }),
      http.get('*/api/whatsapp/settings', ({ request }) =>
        request.headers.get('authorization') === 'Bearer fresh-token'
          ? HttpResponse.json({ provider: 'simulator' })
          : problem(401, 'session_ended', 'Session terminée'),
      ),
      http.get('*/api/delivery/quota', ({ request }) =>
        request.headers.get('authorization') === 'Bearer fresh-token'
          ? HttpResponse.json({ used: 1, limit: 1000 })
          : problem(401, 'session_ended', 'Session terminée'),
      ),
    );
    const [settings, quota] = await Promise.all([
      unwrap(api.GET('/api/whatsapp/settings')),
      unwrap(api.GET('/api/delivery/quota')),
    ]);
    expect(settings).toEqual({ provider: 'simulator' });
    expect(quota).toEqual({ used: 1, limit: 1000 });
    expect(refreshes).toBe(1);
    expect(session.getAccessToken()).toBe('fresh-token');
    // The refresh token travels in the HttpOnly cookie only: no body, the cookie transport asked for.
    expect(refreshRequest?.headers.get('x-refresh-transport')).toBe('cookie');
    expect(await refreshRequest?.text()).toBe('');
  });

  it('ends the session as expired when the refresh is refused', async () => {
    signedIn('expired-token');
    server.use(http.get('*/api/whatsapp/settings', () => problem(401, 'session_ended', 'Session terminée')));
    await expect(unwrap(api.GET('/api/whatsapp/settings'))).rejects.toBeInstanceOf(ApiError);
    expect(session.getState()).toEqual({ status: 'anonymous', reason: 'expired' });
    expect(session.getAccessToken()).toBeNull();
  });

  it('does not try to refresh when a sign-in is refused', async () => {
    let refreshes = 0;
    server.use(
      http.post('*/api/auth/refresh', () => {
        refreshes++;
        return HttpResponse.json(tokens());
      }),
      http.post('*/api/auth/login', () => problem(401, 'invalid-credentials', 'Identifiants incorrects')),
    );
    await expect(unwrap(api.POST('/api/auth/login', { body: { email: 'a@b.fr', password: 'x' } }))).rejects.toMatchObject({
      status: 401,
      code: 'invalid-credentials',
    });
    expect(refreshes).toBe(0);
  });

  it('asks for the refresh cookie on sign-in', async () => {
    let transport: string | null = null;
    server.use(
      http.post('*/api/auth/login', ({ request }) => {
        transport = request.headers.get('x-refresh-transport');
        return HttpResponse.json(tokens());
      }),
    );
    await unwrap(api.POST('/api/auth/login', { body: { email: 'a@b.fr', password: 'x' } }));
    expect(transport).toBe('cookie');
  });

  it('turns a network failure into a readable error', async () => {
    server.use(http.get('*/api/whatsapp/settings', () => HttpResponse.error()));
    await expect(unwrap(api.GET('/api/whatsapp/settings'))).rejects.toMatchObject({ status: 0, code: 'network' });
  });
});
