import type { FieldError, Problem } from './types';

/** An error answer of the API (RFC 9457 Problem Details), or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** Seconds to wait, from the Retry-After header, when the server gave one. */
  readonly retryAfter: number | undefined;

  constructor(status: number, problem: Problem, retryAfter?: number) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.round((date - Date.now()) / 1000));
}

/** Builds the ApiError of a failed response, whatever its body (Problem JSON, other JSON, or nothing). */
export function toApiError(response: Response, body: unknown): ApiError {
  const problem: Problem =
    body && typeof body === 'object' && 'status' in body
      ? (body as Problem)
      : { status: response.status, title: response.statusText || `HTTP ${response.status}` };
  return new ApiError(response.status, problem, parseRetryAfter(response.headers.get('Retry-After')));
}

/** What a person reads about an error: the server's own words first. */
export function problemMessage(error: unknown, fallback: string): { title: string; detail?: string } {
  if (isApiError(error)) {
    const { title, detail } = error.problem;
    if (title && detail) return { title, detail };
    return { title: title ?? detail ?? fallback };
  }
  return { title: fallback };
}

/** A field's path in the server's answer ("body.email", "email", "request.email") → the form's name. */
export function fieldName(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const parts = path.split('.');
  return parts[parts.length - 1];
}

/**
 * Puts the server's field errors under the matching form fields. Returns the field errors that
 * matched no field, so the caller can show them elsewhere (a toast).
 */
export function applyFieldErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
  setError: (name: F, error: { type: string; message: string }, options?: { shouldFocus: boolean }) => void,
): { mapped: number; unmatched: FieldError[] } {
  if (!isApiError(error)) return { mapped: 0, unmatched: [] };
  let mapped = 0;
  const unmatched: FieldError[] = [];
  for (const fe of error.fieldErrors) {
    const name = fieldName(fe.field) as F | undefined;
    if (name && fields.includes(name)) {
      setError(name, { type: 'server', message: fe.message ?? fe.code ?? '' }, { shouldFocus: mapped === 0 });
      mapped++;
    } else {
      unmatched.push(fe);
    }
  }
  return { mapped, unmatched };
}
