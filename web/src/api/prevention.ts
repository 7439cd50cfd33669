import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, currentLanguage, downloadFile } from './client';
import type { Page } from './types';

export const POST_KINDS = ['regular', 'mobile_contact', 'city_supply'] as const;
export type PostKind = (typeof POST_KINDS)[number];
export const EMPLOYEE_STATUSES = ['active', 'on_leave', 'isolated', 'left'] as const;
export type EmployeeStatus = (typeof EMPLOYEE_STATUSES)[number];
export const COMPLIANCE_STATUSES = ['compliant', 'due_soon', 'overdue'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];
export const UNIT_KINDS = ['workshop', 'office', 'warehouse', 'dormitory', 'logistics', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const GROUP_BYS = ['enterprise', 'unit', 'region'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export interface Employee {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  regionCode: string;
  regionName: string;
  name: string;
  idCardMasked: string;
  phoneMasked: string | null;
  post: string;
  postKind: PostKind;
  unitId: string | null;
  unitName: string | null;
  dormitory: string | null;
  status: EmployeeStatus;
  lastNegativeAt: string | null;
  intervalHours: number;
  dueAt: string | null;
  compliance: ComplianceStatus;
  actions: ('edit' | 'reveal')[];
}
export interface Unit { id: string; enterpriseId: string; regionCode: string; name: string; kind: UnitKind; isolated: boolean }
export interface EmployeeFilters { q?: string; enterpriseId?: string; unitId?: string; postKind?: PostKind; status?: EmployeeStatus; compliance?: ComplianceStatus }
export interface EmployeeInput { name: string; idCard: string; phone?: string | null; post: string; postKind: PostKind; unitId?: string | null; dormitory?: string | null }
export interface RosterImportReport { rows: number; created: number; existing: number; unitsCreated: number; rejected: { row: number; reason: string }[] }
export interface IngestRun { id: string; kind: 'test_results' | 'venue_scans' | 'drug_purchases'; source: 'api' | 'upload'; format: 'csv' | 'jsonl'; fileName: string | null; sha256: string; bytes: number; status: 'running' | 'completed' | 'failed'; rows: number; merged: number; duplicates: number; rejected: number; error: string | null; regionCode: string; createdBy: string | null; startedAt: string; finishedAt: string | null; replayed: boolean }
export interface ApiKey { id: string; name: string; prefix: string; regionCode: string; createdBy: string | null; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }
export interface RulePack { testIntervalHours: number; mobileContactIntervalHours: number; emergencyClosedLoopIntervalHours: number; citySupplyIntervalHours: number; dueSoonHours: number; centralQuarantineDays: number; arrivalTestHours: number; retestHours: number; retentionDays: number; contactWindowMinutes: number; dailyReportDeadlineHour: number; quietPeriodDays: number; lateReportDays: number; rosterGraceDays: number }
export interface ComplianceGroup { key: string | null; label: string; total: number; compliant: number; dueSoon: number; overdue: number; rate: number }
export interface Compliance { groups: ComplianceGroup[]; total: ComplianceGroup; rules: RulePack }
export interface TrendPoint { day: string; total: number; compliant: number; rate: number }
export interface EmergencyRegion { regionCode: string; regionName: string; since: string; note: string | null; declaredBy: string | null }

const enc = encodeURIComponent;
function useInvalidate(...keys: string[][]) {
  const qc = useQueryClient();
  return () => Promise.all(keys.map((queryKey) => qc.invalidateQueries({ queryKey })));
}

/** Multipart upload through fetch (the body is not JSON); errors come back as ApiError. */
async function upload<T>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file);
  const res = await fetch(path, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': currentLanguage() } });
  const text = await res.text();
  const body = (text ? JSON.parse(text) : null) as (T & { code?: string; message?: string; field?: string }) | null;
  if (!res.ok) throw new ApiError(res.status, body?.code ?? `http.${res.status}`, body?.message ?? `HTTP ${res.status}`, body?.field);
  return body!;
}

export function useEmployees(f: EmployeeFilters & { page: number; pageSize: number }) {
  return useQuery({ queryKey: ['prevention', 'employees', f], queryFn: ({ signal }) => api.get<Page<Employee>>('/api/prevention/employees', { ...f }, signal), placeholderData: keepPreviousData });
}
export function exportEmployees(f: EmployeeFilters): Promise<string> {
  return downloadFile('/api/prevention/employees/export', { ...f }, 'roster.xlsx');
}
export function downloadRosterTemplate(): Promise<string> {
  return downloadFile('/api/prevention/employees/template', {}, 'roster-template.xlsx');
}
export function useUnits(enterpriseId?: string) {
  return useQuery({ queryKey: ['prevention', 'units', enterpriseId], queryFn: ({ signal }) => api.get<Unit[]>('/api/prevention/units', { enterpriseId }, signal) });
}
export function useCreateUnit() {
  const invalidate = useInvalidate(['prevention', 'units']);
  return useMutation({ mutationFn: (b: { name: string; kind: UnitKind }) => api.post<Unit>('/api/prevention/units', b), onSuccess: invalidate });
}
export function useCreateEmployee() {
  const invalidate = useInvalidate(['prevention']);
  return useMutation({ mutationFn: (b: EmployeeInput) => api.post<Employee>('/api/prevention/employees', b), onSuccess: invalidate });
}
export function useUpdateEmployee() {
  const invalidate = useInvalidate(['prevention']);
  return useMutation({ mutationFn: ({ id, ...b }: { id: string; postKind?: PostKind; status?: EmployeeStatus; unitId?: string | null; post?: string }) => api.patch<Employee>(`/api/prevention/employees/${enc(id)}`, b), onSuccess: invalidate });
}
export function useReveal() {
  return useMutation({ mutationFn: ({ id, purpose }: { id: string; purpose: string }) => api.post<{ idCard: string; phone: string | null }>(`/api/prevention/employees/${enc(id)}/reveal`, { purpose }) });
}
export function useImportRoster() {
  const invalidate = useInvalidate(['prevention']);
  return useMutation({ mutationFn: (file: File) => upload<RosterImportReport>('/api/prevention/employees/import', file), onSuccess: invalidate });
}
export function useIngestUpload(kind: 'test-results' | 'venue-scans' | 'drug-purchases' = 'test-results') {
  const invalidate = useInvalidate(['prevention']);
  return useMutation({ mutationFn: (file: File) => upload<IngestRun>(`/api/prevention/ingest/${kind}`, file), onSuccess: invalidate });
}
export function useIngestRuns(page: number, pageSize: number, kind?: IngestRun['kind']) {
  return useQuery({ queryKey: ['prevention', 'runs', page, pageSize, kind], queryFn: ({ signal }) => api.get<Page<IngestRun>>('/api/prevention/ingest/runs', { page, pageSize, kind }, signal), placeholderData: keepPreviousData });
}
export function downloadRejects(run: IngestRun): Promise<string> {
  return downloadFile(`/api/prevention/ingest/runs/${enc(run.id)}/rejects`, {}, `rejects-${run.id.slice(0, 8)}.csv`);
}
export function useApiKeys(enabled: boolean) {
  return useQuery({ queryKey: ['prevention', 'api-keys'], queryFn: ({ signal }) => api.get<ApiKey[]>('/api/prevention/api-keys', undefined, signal), enabled });
}
export function useCreateApiKey() {
  const invalidate = useInvalidate(['prevention', 'api-keys']);
  return useMutation({ mutationFn: (b: { name: string }) => api.post<{ key: string; apiKey: ApiKey }>('/api/prevention/api-keys', b), onSuccess: invalidate });
}
export function useRevokeApiKey() {
  const invalidate = useInvalidate(['prevention', 'api-keys']);
  return useMutation({ mutationFn: (id: string) => api.post<ApiKey>(`/api/prevention/api-keys/${enc(id)}/revoke`), onSuccess: invalidate });
}
export function useCompliance(groupBy: GroupBy, regionCode?: string) {
  return useQuery({ queryKey: ['prevention', 'compliance', groupBy, regionCode], queryFn: ({ signal }) => api.get<Compliance>('/api/prevention/compliance', { groupBy, regionCode }, signal), placeholderData: keepPreviousData });
}
export function useComplianceTrend(days: number, regionCode?: string) {
  return useQuery({ queryKey: ['prevention', 'trend', days, regionCode], queryFn: ({ signal }) => api.get<TrendPoint[]>('/api/prevention/compliance/trend', { days, regionCode }, signal), placeholderData: keepPreviousData });
}
export function useRules() {
  return useQuery({ queryKey: ['prevention', 'rules'], queryFn: ({ signal }) => api.get<{ rules: RulePack; defaults: RulePack }>('/api/prevention/rules', undefined, signal) });
}
export function useSaveRules() {
  const invalidate = useInvalidate(['prevention']);
  return useMutation({ mutationFn: (r: RulePack) => api.put<{ rules: RulePack; defaults: RulePack }>('/api/prevention/rules', r), onSuccess: invalidate });
}
export function useEmergencyRegions() {
  return useQuery({ queryKey: ['prevention', 'emergency'], queryFn: ({ signal }) => api.get<EmergencyRegion[]>('/api/prevention/emergency-regions', undefined, signal) });
}
export function useDeclareEmergency() {
  const invalidate = useInvalidate(['prevention']);
  return useMutation({ mutationFn: ({ regionCode, note }: { regionCode: string; note: string | null }) => api.put<EmergencyRegion>(`/api/prevention/emergency-regions/${enc(regionCode)}`, { note }), onSuccess: invalidate });
}
export function useEndEmergency() {
  const invalidate = useInvalidate(['prevention']);
  return useMutation({ mutationFn: (regionCode: string) => api.delete<void>(`/api/prevention/emergency-regions/${enc(regionCode)}`), onSuccess: invalidate });
}

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const ALERT_KINDS = ['overdue_test', 'missing_daily_report', 'arrival_not_reported', 'retest_overdue', 'drug_purchase'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export interface Alert { id: string; kind: AlertKind; enterpriseId: string | null; enterpriseName: string; regionCode: string; regionName: string; detail: { day: string; overdue?: number; total?: number; purchaseId?: string; drugClass?: string; pharmacy?: string; purchasedAt?: string; idCardMasked?: string }; status: AlertStatus; note: string | null; raisedAt: string; acknowledgedAt: string | null; acknowledgedBy: string | null; resolvedAt: string | null; resolvedBy: string | null; actions: ('acknowledge' | 'resolve')[] }
export function useAlerts(status: AlertStatus | undefined, kind: AlertKind | undefined, page: number, pageSize: number) {
  return useQuery({ queryKey: ['prevention', 'alerts', status, kind, page, pageSize], queryFn: ({ signal }) => api.get<Page<Alert>>('/api/prevention/alerts', { status, kind, page, pageSize }, signal), placeholderData: keepPreviousData });
}
export function useAlertAction() {
  const invalidate = useInvalidate(['prevention', 'alerts']);
  return useMutation({ mutationFn: ({ id, action, note }: { id: string; action: 'acknowledge' | 'resolve'; note?: string }) => api.post<Alert>(`/api/prevention/alerts/${enc(id)}/${action}`, { note: note ?? null }), onSuccess: invalidate });
}
