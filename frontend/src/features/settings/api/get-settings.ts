import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/shared/api/client';
import type { Limits, Quota, WhatsAppSettings } from '@/shared/api/types';

export const getWhatsAppSettingsQueryOptions = () =>
  queryOptions({
    queryKey: ['whatsapp', 'settings'],
    queryFn: (): Promise<WhatsAppSettings> => unwrap(api.GET('/api/whatsapp/settings')),
    staleTime: 60_000,
  });

export const useWhatsAppSettings = () => useQuery(getWhatsAppSettingsQueryOptions());

export const getQuotaQueryOptions = () =>
  queryOptions({ queryKey: ['delivery', 'quota'], queryFn: (): Promise<Quota> => unwrap(api.GET('/api/delivery/quota')) });

export const useQuota = () => useQuery(getQuotaQueryOptions());

export const getLimitsQueryOptions = () =>
  queryOptions({
    queryKey: ['settings', 'limits'],
    queryFn: (): Promise<Limits> => unwrap(api.GET('/api/settings/limits')),
    staleTime: 5 * 60_000,
  });

export const useLimits = () => useQuery(getLimitsQueryOptions());
