import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Permission, Role, SecuritySettings } from './types';

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: ['security', 'roles'],
    queryFn: () => api.get<Role[]>('/api/security/roles'),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function usePermissions() {
  return useQuery({
    queryKey: ['security', 'permissions'],
    queryFn: () => api.get<Permission[]>('/api/security/permissions'),
    staleTime: 10 * 60_000,
  });
}

export function useSaveRolePermissions() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, permissions }: { code: string; permissions: string[] }) =>
      api.put<Role>(`/api/security/roles/${encodeURIComponent(code)}`, { permissions }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['security', 'roles'] });
      // the signed-in user's own permissions may have changed
      await qc.invalidateQueries({ queryKey: ['auth', 'me'] });
    },
  });
}

export function useSecuritySettings() {
  return useQuery({
    queryKey: ['security', 'settings'],
    queryFn: () => api.get<SecuritySettings>('/api/security/settings'),
  });
}

export function useSaveSecuritySettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SecuritySettings) => api.put<SecuritySettings>('/api/security/settings', body),
    onSuccess: (saved) => qc.setQueryData(['security', 'settings'], saved),
  });
}
