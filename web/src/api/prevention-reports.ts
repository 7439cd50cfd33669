import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile } from './client';
import type { Page } from './types';

export const SYMPTOMS = ['fever', 'cough', 'sore_throat', 'fatigue', 'loss_of_smell', 'other'] as const;
export type Symptom = (typeof SYMPTOMS)[number];
export const HEALTH_MEASURES = ['observation', 'isolation', 'hospital', 'none'] as const;
export type HealthMeasure = (typeof HEALTH_MEASURES)[number];
export const BOARD_STATUSES = ['reported', 'zero', 'missing'] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];
export const ARRIVAL_STATUSES = ['quarantine', 'released', 'awaiting_test', 'tested', 'overdue'] as const;
export type ArrivalStatus = (typeof ARRIVAL_STATUSES)[number];
export const ARRIVAL_PERSON_KINDS = ['visitor', 'returning_employee'] as const;
export type ArrivalPersonKind = (typeof ARRIVAL_PERSON_KINDS)[number];
export const RISK_LEVELS = ['medium', 'high', 'static'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export interface DailyReport { id: string; enterpriseId: string; enterpriseName: string; regionCode: string; regionName: string; day: string; zero: boolean; onSite: number; symptomatic: number; isolated: number; observation: number; hasNote: boolean; filedBy: string | null; filedAt: string; late: boolean }
export interface ReportPerson { id: string; employeeId: string; name: string; idCardMasked: string; post: string; measure: HealthMeasure }
export interface DailyReportDetail extends DailyReport { persons: ReportPerson[]; actions: 'reveal'[] }
export interface TodayReport { day: string; deadlineHour: number; enterpriseId: string; enterpriseName: string; onRoster: number; report: DailyReportDetail | null; actions: 'file'[] }
export interface Tally { expected: number; reported: number; zero: number; missing: number }
export interface BoardItem { enterpriseId: string; enterpriseName: string; regionCode: string; regionName: string; status: BoardStatus; report: DailyReport | null }
export interface Board { day: string; items: BoardItem[]; total: number; regions: (Tally & { regionCode: string; regionName: string })[]; totals: Tally }
export interface BoardFilters { day?: string; regionCode?: string; status?: BoardStatus; q?: string }
export interface DailyReportInput {
  /** A past day (YYYY-MM-DD) for a missed report, within the rule pack's window; today when absent. */
  day?: string;
  zero: boolean; onSite?: number; symptomatic?: number; isolated?: number; observation?: number; note?: string | null;
  persons?: { employeeId: string; symptoms: Symptom[]; detail?: string | null; measure: HealthMeasure }[];
}
export interface RevealedHealth { note: string | null; persons: { id: string; employeeId: string; symptoms: Symptom[]; detail: string | null }[] }

export interface Arrival {
  id: string; enterpriseId: string; enterpriseName: string; regionCode: string; regionName: string; name: string; idCardMasked: string; phoneMasked: string | null;
  personKind: ArrivalPersonKind; originCode: string; originName: string; route: string; purpose: string; arrivalAt: string; arrivalDay: string;
  source: 'host' | 'found'; late: boolean; onRoster: boolean; decision: 'quarantine' | 'test'; healthCode: 'red' | 'green'; riskAreaId: string | null;
  quarantineUntil: string | null; testDueAt: string | null; status: ArrivalStatus; reportedBy: string | null; reportedAt: string; decidedAt: string; actions: 'reveal'[];
}
export interface ArrivalFilters { status?: ArrivalStatus; originCode?: string; from?: string; to?: string; late?: boolean; q?: string; regionCode?: string }
export interface ArrivalInput { enterpriseId?: string; name: string; idCard: string; phone?: string | null; personKind: ArrivalPersonKind; originCode: string; originName: string; route: string; purpose: string; arrivalAt: string }
export interface RiskArea { id: string; code: string; name: string; level: RiskLevel; fromDay: string; toDay: string | null; createdBy: string | null; createdAt: string; actions: ('end' | 'remove')[] }
export interface RiskAreaInput { code: string; name: string; level: RiskLevel; fromDay: string; toDay?: string | null }

const enc = encodeURIComponent;
function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['prevention'] });
}

export function useTodayReport(enabled: boolean) {
  return useQuery({ queryKey: ['prevention', 'daily', 'today'], queryFn: ({ signal }) => api.get<TodayReport>('/api/prevention/daily-reports/today', undefined, signal), enabled });
}
export function useFileDailyReport() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (b: DailyReportInput) => api.post<DailyReportDetail>('/api/prevention/daily-reports', b), onSuccess: invalidate });
}
export function useReportHistory(page: number, pageSize: number, f: { from?: string; to?: string; zero?: boolean }) {
  return useQuery({ queryKey: ['prevention', 'daily', 'history', page, pageSize, f], queryFn: ({ signal }) => api.get<Page<DailyReport>>('/api/prevention/daily-reports', { page, pageSize, ...f }, signal), placeholderData: keepPreviousData });
}
export function useBoard(f: BoardFilters & { page: number; pageSize: number }, enabled: boolean) {
  return useQuery({ queryKey: ['prevention', 'daily', 'board', f], queryFn: ({ signal }) => api.get<Board>('/api/prevention/daily-reports/board', { ...f }, signal), placeholderData: keepPreviousData, enabled });
}
export function exportBoard(f: BoardFilters): Promise<string> {
  return downloadFile('/api/prevention/daily-reports/board/export', { ...f }, 'daily-reports.xlsx');
}
export function useDailyReport(id: string | null) {
  return useQuery({ queryKey: ['prevention', 'daily', 'one', id], queryFn: ({ signal }) => api.get<DailyReportDetail>(`/api/prevention/daily-reports/${enc(id!)}`, undefined, signal), enabled: id !== null });
}
export function useRevealHealth() {
  return useMutation({ mutationFn: ({ id, purpose }: { id: string; purpose: string }) => api.post<RevealedHealth>(`/api/prevention/daily-reports/${enc(id)}/reveal`, { purpose }) });
}

export function useArrivals(f: ArrivalFilters & { page: number; pageSize: number }) {
  return useQuery({ queryKey: ['prevention', 'arrivals', f], queryFn: ({ signal }) => api.get<Page<Arrival>>('/api/prevention/arrivals', { ...f }, signal), placeholderData: keepPreviousData });
}
export function exportArrivals(f: ArrivalFilters): Promise<string> {
  return downloadFile('/api/prevention/arrivals/export', { ...f }, 'arrivals.xlsx');
}
export function useArrival(id: string | undefined) {
  return useQuery({ queryKey: ['prevention', 'arrivals', 'one', id], queryFn: ({ signal }) => api.get<Arrival>(`/api/prevention/arrivals/${enc(id!)}`, undefined, signal), enabled: !!id });
}
export function useFileArrival() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (b: ArrivalInput) => api.post<Arrival>('/api/prevention/arrivals', b), onSuccess: invalidate });
}
export function useRevealArrival() {
  return useMutation({ mutationFn: ({ id, purpose }: { id: string; purpose: string }) => api.post<{ idCard: string; phone: string | null }>(`/api/prevention/arrivals/${enc(id)}/reveal`, { purpose }) });
}

export function useRiskAreas(f: { active?: boolean; level?: RiskLevel; q?: string; page: number; pageSize: number }) {
  return useQuery({ queryKey: ['prevention', 'risk-areas', f], queryFn: ({ signal }) => api.get<Page<RiskArea> & { mayEdit: boolean }>('/api/prevention/risk-areas', { ...f }, signal), placeholderData: keepPreviousData });
}
export function exportRiskAreas(f: { active?: boolean; level?: RiskLevel; q?: string }): Promise<string> {
  return downloadFile('/api/prevention/risk-areas/export', { ...f }, 'risk-areas.xlsx');
}
export function useCreateRiskArea() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (b: RiskAreaInput) => api.post<RiskArea & { redecided: number }>('/api/prevention/risk-areas', b), onSuccess: invalidate });
}
export function useEndRiskArea() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => api.post<RiskArea & { redecided: number }>(`/api/prevention/risk-areas/${enc(id)}/end`), onSuccess: invalidate });
}
export function useRemoveRiskArea() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => api.delete<{ redecided: number }>(`/api/prevention/risk-areas/${enc(id)}`), onSuccess: invalidate });
}
