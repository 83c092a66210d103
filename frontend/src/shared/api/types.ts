// The one place where the rest of the app names the API's schema types: when the backend renames a
// schema, only this file changes.
import type { components } from './schema';

type Schemas = components['schemas'];

export type Problem = Schemas['Problem'];
export type FieldError = Schemas['FieldError'];
/** The spec marks no field required; these always come (the session relies on them). */
export type User = Schemas['User'] & Required<Pick<Schemas['User'], 'id' | 'email' | 'role' | 'active' | 'mustChangePassword'>>;
export type Role = 'super_admin' | 'admin';
export type TokenResponse = Omit<Schemas['TokenResponse'], 'user'> & { user?: User };
export type LoginRequest = Schemas['LoginRequest'];
export type ChangePasswordRequest = Schemas['ChangePasswordRequest'];
export type CreateUserRequest = Schemas['CreateUserRequest'];
export type UpdateUserRequest = Schemas['UpdateUserRequest'];
export type AuditEntry = Schemas['AuditEntry'];
export type WhatsAppSettings = Schemas['WhatsAppSettingsResponse'];
export type TestMessageRequest = Schemas['TestMessageRequest'];
export type TestMessageResponse = Schemas['TestMessageResponse'];
export type ErrorCodeExplanation = Schemas['ErrorCodeResponse'];
export type Quota = Schemas['Quota'];

/** The one page shape of every list endpoint (items, page, size, total). */
export interface Page<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
}
