import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, downloadFile } from './client';
import type { Page } from './types';
import type { Urgency } from './demands';

export interface Duration {
  hours?: number;
  workingDays?: number;
}
export interface DemandRules {
  dispatch: Record<Urgency, Duration>;
  answer: { urgent: Duration; normal: Duration; complex: Duration };
  warnAt: number;
  duplicateWindowDays: number;
  duplicateSimilarity: number;
  commonSimilarity: number;
}
export interface DemandSettings {
  regionCode: string;
  autoEscalate: boolean;
  rules: DemandRules;
  defaults: DemandRules;
}
export function useDemandSettings() {
  return useQuery({ queryKey: ['demands', 'settings'], queryFn: ({ signal }) => api.get<DemandSettings>('/api/demands/settings', undefined, signal) });
}
export function useSaveDemandSettings() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (b: { autoEscalate: boolean; rules: DemandRules }) => api.put<DemandSettings>('/api/demands/settings', b), onSuccess: (s) => qc.setQueryData(['demands', 'settings'], s) });
}

export interface CalendarDay {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}
export function useCalendar() {
  return useQuery({ queryKey: ['demands', 'calendar'], queryFn: ({ signal }) => api.get<CalendarDay[]>('/api/demands/calendar', undefined, signal) });
}
export function useSaveCalendar() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (days: CalendarDay[]) => api.put<CalendarDay[]>('/api/demands/calendar', { days }), onSuccess: (d) => qc.setQueryData(['demands', 'calendar'], d) });
}

export interface Pairing {
  userId: string;
  userName: string;
  username: string;
  enterpriseId: string;
  enterpriseName: string;
  regionCode: string;
  regionName: string;
  createdBy: string | null;
  createdAt: string;
}
export interface Cadre {
  id: string;
  username: string;
  displayName: string;
  regionCode: string;
  regionName: string;
}
export function usePairings(f: { q?: string | undefined; page: number; pageSize: number }) {
  return useQuery({ queryKey: ['demands', 'liaisons', f], queryFn: ({ signal }) => api.get<Page<Pairing>>('/api/demands/liaisons', { ...f }, signal), placeholderData: keepPreviousData });
}
export function exportPairings(q: string | undefined): Promise<string> {
  return downloadFile('/api/demands/liaisons/export', { q }, '包保干部结对.xlsx');
}
export function useCadres(q: string) {
  return useQuery({ queryKey: ['demands', 'cadres', q], queryFn: ({ signal }) => api.get<Cadre[]>('/api/demands/liaisons/cadres', { q }, signal), placeholderData: keepPreviousData });
}
export function useEnterpriseLookup(q: string) {
  return useQuery({
    queryKey: ['org', 'enterprises', q],
    queryFn: ({ signal }) => api.get<Page<{ id: string; name: string; uscc: string; regionName: string }>>('/api/org/enterprises', { q, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
}
export function usePair() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (b: { userId: string; enterpriseId: string }) => api.post<unknown>('/api/demands/liaisons', b), onSuccess: () => qc.invalidateQueries({ queryKey: ['demands', 'liaisons'] }) });
}
export function useUnpair() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (b: { userId: string; enterpriseId: string }) => apiRequest<{ removed: boolean }>('DELETE', '/api/demands/liaisons', { body: b }), onSuccess: () => qc.invalidateQueries({ queryKey: ['demands', 'liaisons'] }) });
}
