import { describe, expect, it, vi } from 'vitest';
import { ApiError, applyFieldErrors, problemMessage, toApiError } from './problem';

const validation = {
  type: 'https://relais.app/problems/validation',
  title: 'Requête invalide',
  status: 400,
  detail: 'Un ou plusieurs champs sont invalides.',
  code: 'validation',
  errors: [
    { field: 'create.request.email', code: 'email', message: 'Adresse e-mail invalide' },
    { field: 'password', code: 'size', message: 'Au moins 10 caractères' },
    { field: 'tenant', code: 'unknown', message: 'Champ inconnu' },
  ],
};

describe('Problem Details', () => {
  it('keeps the problem and the wait of Retry-After', () => {
    const res = new Response(null, { status: 429, headers: { 'Retry-After': '840' } });
    const error = toApiError(res, { status: 429, title: 'Compte temporairement bloqué', code: 'account-locked', detail: 'Réessayez dans 14 minute(s).' });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('account-locked');
    expect(error.retryAfter).toBe(840);
    expect(problemMessage(error, 'x')).toEqual({ title: 'Compte temporairement bloqué', detail: 'Réessayez dans 14 minute(s).' });
  });

  it('falls back to the status when the body is not a problem', () => {
    const error = toApiError(new Response(null, { status: 502, statusText: 'Bad Gateway' }), '<html>');
    expect(error.status).toBe(502);
    expect(error.problem.title).toBe('Bad Gateway');
  });

  it('puts field errors under the matching fields and returns the others', () => {
    const setError = vi.fn();
    const error = toApiError(new Response(null, { status: 400 }), validation);
    const result = applyFieldErrors(error, ['email', 'password', 'fullName'] as const, setError);
    expect(result.mapped).toBe(2);
    expect(result.unmatched).toEqual([validation.errors[2]]);
    expect(setError).toHaveBeenCalledWith('email', { type: 'server', message: 'Adresse e-mail invalide' }, { shouldFocus: true });
    expect(setError).toHaveBeenCalledWith('password', { type: 'server', message: 'Au moins 10 caractères' }, { shouldFocus: false });
  });

  it('maps nothing from an error that is not from the API', () => {
    const setError = vi.fn();
    expect(applyFieldErrors(new Error('boom'), ['email'] as const, setError)).toEqual({ mapped: 0, unmatched: [] });
    expect(problemMessage(new Error('boom'), 'Une erreur est survenue.')).toEqual({ title: 'Une erreur est survenue.' });
  });
});
