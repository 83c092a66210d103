import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/shared/api/client';
import type { SimulatedMessage, SimulatedPhone, SimulatorBehaviour } from '@/shared/api/types';
export { simulatorSearchSchema, type SimulatorSearch } from './search';

export const BEHAVIOURS = ['ok', 'not_joined', 'not_on_whatsapp', 'unreachable'] as const satisfies readonly SimulatorBehaviour[];

export const phonesQueryOptions = () =>
  queryOptions({
    queryKey: ['simulator', 'phones'],
    queryFn: async (): Promise<SimulatedPhone[]> => (await unwrap(api.GET('/api/simulator/phones', { params: { query: { size: 100 } } }))).items,
  });

/** What the phone received and sent, oldest first (as a phone shows it). */
export const phoneMessagesQueryOptions = (phone: string) =>
  queryOptions({
    queryKey: ['simulator', 'messages', phone],
    queryFn: async (): Promise<SimulatedMessage[]> => {
      const page = await unwrap(api.GET('/api/simulator/phones/{phone}/messages', { params: { path: { phone }, query: { size: 100 } } }));
      return [...page.items].sort((a, b) => new Date(a.dateCreated as string).getTime() - new Date(b.dateCreated as string).getTime());
    },
  });

export const usePhones = () => useQuery(phonesQueryOptions());
export const usePhoneMessages = (phone: string | undefined) => useQuery({ ...phoneMessagesQueryOptions(phone ?? ''), enabled: Boolean(phone) });

export function useSetBehaviour(phone: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (behaviour: SimulatorBehaviour): Promise<SimulatedPhone> =>
      unwrap(api.PUT('/api/simulator/phones/{phone}', { params: { path: { phone } }, body: { behaviour } })),
    // A list read already on its way carries the old behaviour: cancel it, write the saved one, read again.
    onMutate: () => client.cancelQueries({ queryKey: ['simulator', 'phones'] }),
    onSuccess: (updated) => {
      client.setQueryData<SimulatedPhone[]>(['simulator', 'phones'], (list) =>
        list ? (list.some((p) => p.phone === updated.phone) ? list.map((p) => (p.phone === updated.phone ? updated : p)) : [updated, ...list]) : list,
      );
    },
    onSettled: () => client.invalidateQueries({ queryKey: ['simulator', 'phones'] }),
  });
}

/** The contact writes back: the message reaches the app through the signed webhook, exactly as from Twilio. */
export function useSimulateInbound(phone: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => unwrap(api.POST('/api/simulator/inbound', { body: { from: phone, body } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['simulator'] }),
  });
}
