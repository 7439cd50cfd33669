import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile, type QueryParams } from './client';
import type { CappedPage, Page } from './types';

export const ASSIGNMENT_STATES = ['assigned', 'in_progress', 'submitted', 'returned', 'accepted', 'cancelled'] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];
export type AssignmentAction = 'progress' | 'complete' | 'accept' | 'return' | 'cancel';
export const NOTICE_STATES = ['issued', 'replied', 'closed', 'overdue'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];
export type NoticeAction = 'reply' | 'return' | 'close' | 'expire';
export type ItemKind = 'demand' | 'task';
export type UnitType = 'department' | 'task_force' | 'command';

export interface Unit {
  type: UnitType;
  id: string;
  label: string;
}
export interface Task {
  id: string;
  title: string;
  requirement: string;
  regionCode: string;
  regionName: string;
  deadline: string;
  createdByName: string;
  createdAt: string;
  counts: Partial<Record<AssignmentState, number>>;
  total: number;
}
export interface Assignment {
  id: string;
  taskId: string;
  taskTitle: string;
  requirement: string;
  unit: Unit;
  regionCode: string;
  regionName: string;
  state: AssignmentState;
  deadline: string;
  overdue: boolean;
  lastNote: string | null;
  assignedAt: string;
  submittedAt: string | null;
  acceptedAt: string | null;
  actions: AssignmentAction[];
}
export interface TaskEvent {
  id: string;
  assignmentId: string;
  action: string;
  fromState: string | null;
  toState: string;
  note: string | null;
  actorName: string;
  at: string;
}
export interface SupervisedItem {
  kind: ItemKind;
  id: string;
  title: string;
  regionCode: string;
  regionName: string;
  state: string;
  unit: Unit | null;
  deadline: string | null;
  overdueSince: string | null;
  overdueHours: number;
  escalated: boolean;
  link: string;
}
export interface Notice {
  id: string;
  itemKind: ItemKind;
  itemId: string;
  itemTitle: string;
  itemLink: string;
  regionCode: string;
  regionName: string;
  unit: Unit;
  requirement: string;
  replyDeadline: string;
  state: NoticeState;
  reply: string | null;
  repliedAt: string | null;
  repliedByName: string | null;
  closeNote: string | null;
  closedAt: string | null;
  issuedByName: string;
  createdAt: string;
  actions: NoticeAction[];
}
export interface NoticeEvent {
  id: string;
  action: string;
  fromState: string | null;
  toState: string;
  note: string | null;
  actorName: string;
  at: string;
}
export interface Figures {
  created: number;
  closed: number;
  overdue: number;
  escalated: number;
}
export interface WeeklySummary {
  id: string;
  commandId: string;
  commandName: string;
  regionCode: string;
  regionName: string;
  weekOf: string;
  periodFrom: string;
  periodTo: string;
  generatedAt: string;
  generatedBy: string;
  totals: Record<ItemKind, Figures>;
}
export interface WeeklyReport extends WeeklySummary {
  data: {
    commandName: string;
    rows: ({ kind: ItemKind; unit: Unit } & Figures)[];
    totals: Record<ItemKind, Figures>;
    longestOverdue: { kind: ItemKind; id: string; title: string; unitLabel: string | null; overdueSince: string | null; link: string }[];
    notices: { issued: number; replied: number; overdue: number; closed: number };
  };
}

export interface TaskFilters extends QueryParams {
  q?: string;
  state?: AssignmentState;
  overdue?: 'true';
  page: number;
  pageSize: number;
}

export function useTasks(f: TaskFilters, enabled = true) {
  return useQuery({ queryKey: ['tasks', 'list', f], queryFn: ({ signal }) => api.get<CappedPage<Task>>('/api/tasks', f, signal), placeholderData: keepPreviousData, enabled });
}
export function useMyAssignments(f: { q?: string; state?: AssignmentState; page: number; pageSize: number }, enabled = true) {
  return useQuery({ queryKey: ['tasks', 'mine', f], queryFn: ({ signal }) => api.get<CappedPage<Assignment>>('/api/tasks/assignments/mine', f, signal), placeholderData: keepPreviousData, enabled });
}
export function useAssignableUnits(enabled: boolean) {
  return useQuery({ queryKey: ['tasks', 'units'], queryFn: ({ signal }) => api.get<(Unit & { regionCode: string })[]>('/api/tasks/units', undefined, signal), enabled });
}
export function useTask(id: string) {
  return useQuery({ queryKey: ['tasks', 'detail', id], queryFn: ({ signal }) => api.get<{ task: Task; assignments: Assignment[]; events: TaskEvent[] }>(`/api/tasks/${id}`, undefined, signal) });
}
export function useAssignTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { title: string; requirement: string; deadline: string; units: { type: UnitType; id: string }[]; requestKey: string }) => api.post<Task>('/api/tasks', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['tasks'] }),
  });
}
export function useAssignmentAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, note }: { id: string; action: AssignmentAction; note: string | null }) => api.post<Assignment>(`/api/tasks/assignments/${id}/${action}`, { note }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['tasks'] }),
  });
}
export const exportTasks = (f: QueryParams) => downloadFile('/api/tasks/export', f, '工作交办.xlsx');

export function useOverdue(f: { kind?: ItemKind; regionCode?: string; page: number; pageSize: number }) {
  return useQuery({ queryKey: ['supervision', 'overdue', f], queryFn: ({ signal }) => api.get<CappedPage<SupervisedItem>>('/api/supervision/overdue', f, signal), placeholderData: keepPreviousData });
}
export const exportOverdue = (f: QueryParams) => downloadFile('/api/supervision/overdue/export', f, '超期事项.xlsx');
/** The supervisor's notices (regionCode narrows them to a region of its subtree) or, mine, the caller's units' notices. */
export function useNotices(f: { q?: string; state?: NoticeState; kind?: ItemKind; regionCode?: string; page: number; pageSize: number }, mine: boolean, enabled = true) {
  return useQuery({ queryKey: ['supervision', 'notices', mine, f], queryFn: ({ signal }) => api.get<CappedPage<Notice>>(mine ? '/api/supervision/notices/mine' : '/api/supervision/notices', f, signal), placeholderData: keepPreviousData, enabled });
}
export const exportNotices = (f: QueryParams) => downloadFile('/api/supervision/notices/export', f, '督办单.xlsx');
export function useNotice(id: string) {
  return useQuery({ queryKey: ['supervision', 'notice', id], queryFn: ({ signal }) => api.get<{ notice: Notice; events: NoticeEvent[] }>(`/api/supervision/notices/${id}`, undefined, signal) });
}
export function useIssueNotice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: ItemKind; itemId: string; requirement: string; replyDeadline: string | null }) => api.post<Notice>('/api/supervision/notices', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['supervision'] }),
  });
}
export function useNoticeAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, note }: { id: string; action: Exclude<NoticeAction, 'expire'>; note: string }) => api.post<Notice>(`/api/supervision/notices/${id}/${action}`, { note }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['supervision'] }),
  });
}

export function useWeeklyReports(f: { page: number; pageSize: number; regionCode?: string | undefined; from?: string | undefined; to?: string | undefined }) {
  return useQuery({ queryKey: ['reports', 'weekly', f], queryFn: ({ signal }) => api.get<Page<WeeklySummary>>('/api/reports/weekly', f, signal), placeholderData: keepPreviousData });
}
export function useWeeklyReport(id: string) {
  return useQuery({ queryKey: ['reports', 'weekly', 'detail', id], queryFn: ({ signal }) => api.get<WeeklyReport>(`/api/reports/weekly/${id}`, undefined, signal) });
}
export function useGenerateWeekly() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: () => api.post<WeeklyReport>('/api/reports/weekly/generate'), onSuccess: () => void qc.invalidateQueries({ queryKey: ['reports'] }) });
}
export const downloadWeekly = (id: string, format: 'xlsx' | 'pdf') => downloadFile(`/api/reports/weekly/${id}/${format}`, {}, `周报告.${format}`);
