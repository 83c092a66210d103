import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/shared/api/client';
import { useInvalidateUsers } from './invalidate-users';

export function deleteUser(id: string) {
  return unwrap(api.DELETE('/api/users/{id}', { params: { path: { id } } }));
}

export function useDeleteUser() {
  return useMutation({ mutationFn: deleteUser, onSuccess: useInvalidateUsers() });
}
