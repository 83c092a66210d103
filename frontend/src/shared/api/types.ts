// The one place where the rest of the app names the API's schema types: when the backend renames a
// schema, only this file changes.
import type { components } from './schema';

type Schemas = components['schemas'];

export type ProblemCode = Schemas['Problem']['code'];
/** A Problem as the server sends it, or as the client makes one (a network failure: code "network"). */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: ProblemCode | 'network';
  errors?: FieldError[];
  [extension: string]: unknown;
}
export type FieldError = Schemas['FieldError'];
export type User = Schemas['User'];
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
export type Limits = Schemas['LimitsResponse'];

/** The one page shape of every list endpoint (items, page, size, total). */
export interface Page<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
}

// Live pages (home, statistics, monitoring, messages, conversations, simulator).
export type StatsOverview = Schemas['OverviewResponse'];
export type StatsPeriod = 'today' | '7d' | '30d' | '90d';
export type DailySeries = Schemas['DailySeriesResponse'];
export type DailyPoint = Schemas['DailyPoint'];
export type StatusCount = Schemas['StatusCount'];
export type RecentMessage = Schemas['RecentMessageResponse'];
export type CampaignStats = Schemas['CampaignStatsResponse'];
export type Campaign = Schemas['Campaign'];
export type Monitoring = Schemas['MonitoringResponse'];
export type QuotaLevel = 'OK' | 'ATTENTION' | 'DANGER' | 'BLOCKED';
export type Message = Schemas['Message'];
export type MessageStatus = Schemas['Message']['status'];
export type MessageKind = Schemas['Message']['kind'];
export type MessageDetail = Schemas['MessageDetail'];
export type MessagePage = Schemas['MessagePage'];
export type Conversation = Schemas['Conversation'];
export type ConversationPage = Schemas['ConversationPage'];
export type SimulatedPhone = Schemas['SimulatedPhoneResponse'];
export type SimulatedMessage = Schemas['SimulatedMessageResponse'];
export type SimulatorBehaviour = Schemas['UpdatePhoneRequest']['behaviour'];
