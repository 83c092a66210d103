import { useQueryClient } from '@tanstack/react-query';

/** After any change to a user, every users list is stale. */
export function useInvalidateUsers() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['users'] });
}
