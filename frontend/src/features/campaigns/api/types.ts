// The campaign pages' names for the API's schemas (generated from the OpenAPI contract).
import type { components } from '@/shared/api/schema';

type Schemas = components['schemas'];

export type Campaign = Schemas['Campaign'];
export type CampaignStatus = Campaign['status'];
export type CampaignCounters = Schemas['CampaignCounters'];
export type CampaignRequest = Schemas['CampaignRequest'];
export type CampaignPage = Schemas['CampaignPage'];
export type CampaignPreflight = Schemas['CampaignPreflight'];
export type CampaignPreview = Schemas['CampaignPreview'];
export type CampaignStats = Schemas['CampaignStatsResponse'];
export type TimelinePoint = Schemas['TimelinePoint'];
export type Recipient = Schemas['RecipientResponse'];
export type RecipientPage = Schemas['RecipientPage'];
export type MessageVariables = Schemas['MessageVariables'];
export type Category = Schemas['CategoryResponse'];
export type Contact = Schemas['ContactResponse'];
export type Limits = Schemas['LimitsResponse'];
export type Quota = Schemas['Quota'];
export type ProgressEvent = Schemas['CampaignProgressEvent'];
export type QuotaLevelEvent = Schemas['QuotaLevelEvent'];

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'completed', 'stopped'] as const;
export const RECIPIENT_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'undelivered'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];
