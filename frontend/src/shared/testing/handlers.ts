// MSW handlers that answer like the real backend, error shape included (RFC 9457 Problem Details).
import { http, HttpResponse } from 'msw';
import type { Problem, User } from '../api/types';

export const superAdmin: User = {
  id: '00000000-0000-0000-0000-000000000001',
  email: 'superadmin@chatbot.local',
  fullName: 'Super Admin',
  role: 'super_admin',
  active: true,
  mustChangePassword: false,
  locked: false,
  lastLoginAt: '2026-12-03T13:05:00Z',
  createdAt: '2026-11-01T09:00:00Z',
  updatedAt: '2026-11-01T09:00:00Z',
};

export function problem(status: number, code: string, title: string, detail?: string, extra: Partial<Problem> = {}, headers: Record<string, string> = {}) {
  return HttpResponse.json(
    { type: `https://relais.app/problems/${code}`, title, status, detail, code, ...extra },
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } },
  );
}

export function tokens(user: User = superAdmin, accessToken = 'access-1') {
  return { accessToken, refreshToken: null, tokenType: 'Bearer', expiresIn: 1800, user };
}

/** By default: no session cookie (a first visit). Tests override what they need. */
export const handlers = [
  http.post('*/api/auth/refresh', () => problem(401, 'refresh-token-invalid', 'Session expirée')),
  http.post('*/api/auth/logout', () => new HttpResponse(null, { status: 204 })),
];
