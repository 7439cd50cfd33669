import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile } from './client';
import type { CreateUserBody, Id, Page, UpdateUserBody, User, UserFilters } from './types';

export interface UserQuery extends UserFilters {
  page: number;
  pageSize: number;
}

export function useUsers(query: UserQuery) {
  return useQuery({
    queryKey: ['users', 'list', query],
    queryFn: ({ signal }) => api.get<Page<User>>('/api/users', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Roles an administrator can give a user (GET /api/users/roles; names localised by the server). */
export function useAssignableRoles() {
  return useQuery({
    queryKey: ['roles', 'assignable'],
    queryFn: ({ signal }) => api.get<{ code: string; name: string }[]>('/api/users/roles', undefined, signal),
  });
}

function useInvalidateUsers() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['users'] });
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (body: CreateUserBody) => api.post<User>('/api/users', body),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, body }: { id: Id; body: UpdateUserBody }) =>
      api.patch<User>(`/api/users/${encodeURIComponent(String(id))}`, body),
    onSuccess: invalidate,
  });
}

export function useResetPassword() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, password }: { id: Id; password: string }) =>
      api.post<void>(`/api/users/${encodeURIComponent(String(id))}/reset-password`, { password }),
    onSuccess: invalidate,
  });
}

export function useUnlockUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (id: Id) => api.post<void>(`/api/users/${encodeURIComponent(String(id))}/unlock`),
    onSuccess: invalidate,
  });
}

export function exportUsers(filters: UserFilters): Promise<string> {
  return downloadFile('/api/users/export', { ...filters }, 'users.xlsx');
}
