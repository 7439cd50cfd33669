import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from './client';
import type { LoginResponse, Me, TotpSetup } from './types';

export const meKey = ['auth', 'me'] as const;

/** The signed-in user, or null when there is no session. */
async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/auth/me');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** The signed-in user where a session is guaranteed (inside the authenticated layout). */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside an authenticated route');
  return data;
}

export interface LoginBody {
  username: string;
  password: string;
  totp?: string;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => api.post<LoginResponse>('/api/auth/login', body),
    onSuccess: (res) => {
      // nothing cached for a previous user survives a new sign-in
      qc.removeQueries({ predicate: (q) => !(q.queryKey[0] === meKey[0] && q.queryKey[1] === meKey[1]) });
      qc.setQueryData(meKey, res.user);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSettled: () => {
      qc.setQueryData(meKey, null);
      qc.removeQueries({ predicate: (q) => !(q.queryKey[0] === meKey[0] && q.queryKey[1] === meKey[1]) });
    },
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api.post<void>('/api/auth/password', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  });
}

export const totpSetupKey = ['auth', 'totp', 'setup'] as const;

/** Each setup call may issue a new secret, so it is fetched once per visit and never refetched in the background. */
export function useTotpSetup(enabled: boolean) {
  return useQuery({
    queryKey: totpSetupKey,
    queryFn: () => api.get<TotpSetup>('/api/auth/totp/setup'),
    enabled,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

export function useEnableTotp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<void>('/api/auth/totp/enable', { code }),
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  });
}
