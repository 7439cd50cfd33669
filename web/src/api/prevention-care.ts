import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile } from './client';
import type { Page } from './types';

/** Suspected cases, prevention supplies, observation rooms and the retention status (server: prevention/cases*, supplies*). */
export const CASE_STATES = ['flagged', 'under_observation', 'quiet_period', 'returned', 'confirmed'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_ACTIONS = ['observe', 'retest_negative', 'retest_positive', 'daily_negative', 'daily_positive', 'return_to_post'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export interface SuspectedCase {
  id: string; enterpriseId: string; enterpriseName: string; regionCode: string; regionName: string; employeeId: string;
  name: string; idCardMasked: string; state: CaseState; observationPointId: string | null; observationPointName: string | null;
  flaggedAt: string; flaggedBy: string | null; observedAt: string | null; retestDueAt: string | null; retestOverdue: boolean;
  quietStartedAt: string | null; quietTests: number; quietPeriodDays: number; lastTestAt: string | null; closedAt: string | null;
  actions: CaseAction[];
}
export interface CaseEvent { id: string; action: string; fromState: CaseState | null; toState: CaseState; note: string | null; actorName: string | null; at: string }
export interface CaseDetail extends SuspectedCase { reason: string | null; events: CaseEvent[] }
export interface CaseFilters { state?: CaseState; enterpriseId?: string; open?: 'true' | 'false'; overdue?: 'true' | 'false' }

export interface Supply { id: string; enterpriseId: string; enterpriseName: string; regionCode: string; regionName: string; item: string; unit: string; quantity: number; safetyStock: number; low: boolean; updatedBy: string | null; updatedAt: string; actions: ('edit' | 'delete')[] }
export interface SupplyFilters { enterpriseId?: string; regionCode?: string; q?: string; low?: 'true' | 'false' }
export interface ObservationPoint { id: string; enterpriseId: string; enterpriseName: string; regionCode: string; regionName: string; name: string; rooms: number; occupied: number; free: number; note: string | null; updatedAt: string; actions: 'edit'[] }
export interface RollupGroup { key: string; label: string; enterprises: number; items: number; lowItems: number; points: number; rooms: number; occupied: number }
export interface Retention { retentionDays: number; rosterGraceDays: number; targets: { name: string; table: string; action: 'delete' | 'anonymise' }[]; lastRun: { ranAt: string; counts: Record<string, number> } | null }

const enc = encodeURIComponent;
function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['prevention'] });
}

export function useCases(f: CaseFilters & { page: number; pageSize: number }) {
  return useQuery({ queryKey: ['prevention', 'cases', f], queryFn: ({ signal }) => api.get<Page<SuspectedCase>>('/api/prevention/cases', { ...f }, signal), placeholderData: keepPreviousData });
}
export function exportCases(f: CaseFilters): Promise<string> {
  return downloadFile('/api/prevention/cases/export', { ...f }, 'suspected-cases.xlsx');
}
export function useCase(id: string) {
  return useQuery({ queryKey: ['prevention', 'case', id], queryFn: ({ signal }) => api.get<CaseDetail>(`/api/prevention/cases/${enc(id)}`, undefined, signal) });
}
export function useFlagCase() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (b: { employeeId: string; reason: string }) => api.post<SuspectedCase>('/api/prevention/cases', b), onSuccess: invalidate });
}
export function useCaseAction() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: ({ id, ...b }: { id: string; action: CaseAction; observationPointId?: string | null; note?: string | null }) => api.post<SuspectedCase>(`/api/prevention/cases/${enc(id)}/actions`, b), onSuccess: invalidate });
}

export function useSupplies(f: SupplyFilters & { page: number; pageSize: number }) {
  return useQuery({ queryKey: ['prevention', 'supplies', f], queryFn: ({ signal }) => api.get<Page<Supply>>('/api/prevention/supplies', { ...f }, signal), placeholderData: keepPreviousData });
}
export function exportSupplies(f: SupplyFilters): Promise<string> {
  return downloadFile('/api/prevention/supplies/export', { ...f }, 'prevention-supplies.xlsx');
}
export function useSaveSupply() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (b: { enterpriseId?: string; item: string; unit: string; quantity: number; safetyStock: number }) => api.put<Supply>('/api/prevention/supplies', b), onSuccess: invalidate });
}
export function useDeleteSupply() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => api.delete<void>(`/api/prevention/supplies/${enc(id)}`), onSuccess: invalidate });
}
export function useRollup(groupBy: 'region' | 'enterprise', regionCode?: string) {
  return useQuery({ queryKey: ['prevention', 'rollup', groupBy, regionCode], queryFn: ({ signal }) => api.get<{ groups: RollupGroup[] }>('/api/prevention/supplies/rollup', { groupBy, regionCode }, signal), placeholderData: keepPreviousData });
}
export function usePoints(f: { enterpriseId?: string; regionCode?: string; page: number; pageSize: number }) {
  return useQuery({ queryKey: ['prevention', 'points', f], queryFn: ({ signal }) => api.get<Page<ObservationPoint>>('/api/prevention/observation-points', { ...f }, signal), placeholderData: keepPreviousData });
}
export function useCreatePoint() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (b: { enterpriseId?: string; name: string; rooms: number; note?: string | null }) => api.post<ObservationPoint>('/api/prevention/observation-points', b), onSuccess: invalidate });
}
export function useUpdatePoint() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: ({ id, ...b }: { id: string; rooms?: number; note?: string | null }) => api.patch<ObservationPoint>(`/api/prevention/observation-points/${enc(id)}`, b), onSuccess: invalidate });
}
export function useRetention() {
  return useQuery({ queryKey: ['prevention', 'retention'], queryFn: ({ signal }) => api.get<Retention>('/api/prevention/retention', undefined, signal) });
}
