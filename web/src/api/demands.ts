import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile } from './client';
import type { CappedPage } from './types';

export const DEMAND_CATEGORIES = ['raw_materials', 'labour', 'logistics', 'market', 'policy', 'prevention_supplies', 'other'] as const;
export type DemandCategory = (typeof DEMAND_CATEGORIES)[number];
export const URGENCIES = ['normal', 'urgent', 'public_health'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const DEMAND_STATES = ['received', 'dispatched', 'accepted', 'sent_back', 'in_progress', 'answered', 'revisited', 'verified', 'closed'] as const;
export type DemandState = (typeof DEMAND_STATES)[number];
export const VIEWS = ['all', 'mine', 'intake', 'queue', 'escalated', 'overdue'] as const;
export type DemandListView = (typeof VIEWS)[number];
export type DemandAction = 'dispatch' | 'accept' | 'send_back' | 'progress' | 'answer' | 'revisit' | 'reopen' | 'verify' | 'close' | 'escalate' | 'hand_down';

export interface Demand {
  id: string;
  no: number;
  enterpriseId: string;
  enterpriseName: string;
  regionCode: string;
  regionName: string;
  category: DemandCategory;
  urgency: Urgency;
  complex: boolean;
  title: string;
  description: string;
  contactName: string;
  /** Masked; contactRevealable: the caller may read it in clear (audited). */
  contactPhone: string;
  contactRevealable: boolean;
  state: DemandState;
  level: 'county' | 'city' | 'province' | 'leadership';
  holderRegionCode: string;
  holderName: string;
  unitType: 'department' | 'task_force' | 'command' | null;
  unitId: string | null;
  unitLabel: string | null;
  dispatchDeadline: string | null;
  answerDeadline: string | null;
  overdue: boolean;
  overdueSince: string | null;
  escalated: boolean;
  handedDown: boolean;
  major: boolean;
  answer: string | null;
  rating: number | null;
  solved: boolean | null;
  revisitComment: string | null;
  commonIssueId: string | null;
  createdAt: string;
  dispatchedAt: string | null;
  answeredAt: string | null;
  closedAt: string | null;
  actions: DemandAction[];
}
export interface DemandEvent {
  id: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  level: string | null;
  note: string | null;
  detail: unknown;
  actorName: string | null;
  at: string;
}
export interface UnitOption {
  type: 'department' | 'task_force' | 'command';
  id: string;
  label: string;
  regionCode: string;
}
export interface DemandFilters {
  view: DemandListView;
  q?: string | undefined;
  state?: DemandState | undefined;
  category?: DemandCategory | undefined;
  urgency?: Urgency | undefined;
  regionCode?: string | undefined;
  sort: 'created' | 'deadline';
}
export interface FileBody {
  category: DemandCategory;
  urgency: Urgency;
  title: string;
  description: string;
  contactName: string;
  contactPhone: string;
  idempotencyKey: string;
  confirmNotDuplicate?: boolean;
}
export interface SimilarDemand {
  id: string;
  no: number;
  title: string;
  state: string;
  createdAt: string;
  similarity: number;
}

export function useDemands(f: DemandFilters & { page: number; pageSize: number }) {
  return useQuery({ queryKey: ['demands', 'list', f], queryFn: ({ signal }) => api.get<CappedPage<Demand>>('/api/demands', { ...f }, signal), placeholderData: keepPreviousData });
}
export function exportDemands(f: DemandFilters): Promise<string> {
  return downloadFile('/api/demands/export', { ...f }, '企业诉求.xlsx');
}
export function useDemand(id: string) {
  return useQuery({ queryKey: ['demands', 'one', id], queryFn: ({ signal }) => api.get<{ demand: Demand; events: DemandEvent[] }>(`/api/demands/${id}`, undefined, signal) });
}
export function useUnits(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['demands', 'units', id], queryFn: ({ signal }) => api.get<UnitOption[]>(`/api/demands/${id}/units`, undefined, signal), enabled });
}
export function useSimilar() {
  return useMutation({ mutationFn: (b: Pick<FileBody, 'category' | 'title' | 'description'>) => api.post<SimilarDemand[]>('/api/demands/similar', b) });
}
export function useFileDemand() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (b: FileBody) => api.post<Demand>('/api/demands', b), onSuccess: () => qc.invalidateQueries({ queryKey: ['demands'] }) });
}

/** The route segment of each action (revisit and reopen share one: the body says solved or not). */
const PATHS: Record<DemandAction, string> = {
  dispatch: 'dispatch',
  accept: 'accept',
  send_back: 'send-back',
  progress: 'progress',
  answer: 'answer',
  revisit: 'revisit',
  reopen: 'revisit',
  verify: 'verify',
  close: 'close',
  escalate: 'escalate',
  hand_down: 'hand-down',
};
export function useDemandAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: DemandAction; body: Record<string, unknown> }) => api.post<Demand>(`/api/demands/${id}/${PATHS[action]}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['demands'] }),
  });
}

export interface MetricsRow {
  key: string;
  label: string;
  total: number;
  dispatched: number;
  accepted: number;
  revisited: number;
  solved: number;
  rated: number;
  satisfied: number;
  answered: number;
  onTime: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  onTimeRate: number | null;
}
export interface MetricsQuery {
  from: string;
  to: string;
  groupBy: 'region' | 'unit';
  regionCode?: string | undefined;
}
export function useDemandMetrics(q: MetricsQuery) {
  return useQuery({ queryKey: ['demands', 'metrics', q], queryFn: ({ signal }) => api.get<{ rows: MetricsRow[]; avgHours: Record<string, number> }>('/api/demands/metrics', { ...q }, signal), placeholderData: keepPreviousData });
}

export interface CommonIssue {
  id: string;
  regionCode: string;
  category: DemandCategory;
  title: string;
  ownerType: UnitOption['type'];
  ownerId: string;
  ownerLabel: string;
  state: 'open' | 'closed';
  answer: string | null;
  createdBy: string | null;
  createdAt: string;
  closedAt: string | null;
}
export function useCommonIssues(state: 'open' | 'closed' | undefined) {
  return useQuery({ queryKey: ['demands', 'issues', state], queryFn: ({ signal }) => api.get<CommonIssue[]>('/api/demands/common-issues', { state }, signal) });
}
export function useCommonIssue(id: string | null) {
  return useQuery({ queryKey: ['demands', 'issue', id], queryFn: ({ signal }) => api.get<{ issue: CommonIssue; members: Demand[] }>(`/api/demands/common-issues/${id}`, undefined, signal), enabled: id !== null });
}
export function useCandidates(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['demands', 'candidates', id], queryFn: ({ signal }) => api.get<(Demand & { similarity: number })[]>(`/api/demands/${id}/common-candidates`, undefined, signal), enabled });
}
export function useCreateIssue() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (b: { title: string; ownerType: string; ownerId: string; demandIds: string[] }) => api.post<CommonIssue>('/api/demands/common-issues', b), onSuccess: () => qc.invalidateQueries({ queryKey: ['demands'] }) });
}
export function useCloseIssue() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: ({ id, answer }: { id: string; answer: string }) => api.post<{ issue: CommonIssue; answered: number }>(`/api/demands/common-issues/${id}/close`, { answer }), onSuccess: () => qc.invalidateQueries({ queryKey: ['demands'] }) });
}
