import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/shared/api/client';
import { useInvalidateUsers } from './invalidate-users';

/** The user can no longer sign in; their sessions end. */
export function deactivateUser(id: string) {
  return unwrap(api.POST('/api/users/{id}/deactivate', { params: { path: { id } } }));
}

export function useDeactivateUser() {
  return useMutation({ mutationFn: deactivateUser, onSuccess: useInvalidateUsers() });
}
