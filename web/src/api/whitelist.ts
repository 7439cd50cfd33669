import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, currentLanguage, downloadFile } from './client';
import type { Page } from './types';

export const SECTORS = ['industry', 'commerce', 'transport', 'culture_tourism', 'key_project'] as const;
export type Sector = (typeof SECTORS)[number];
export const LISTING_STATUSES = ['not_listed', 'listed', 'removed', 'suspended'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];
export const SERVICE_TIERS = ['province', 'city', 'county'] as const;
export type ServiceTier = (typeof SERVICE_TIERS)[number];
export const APPLICATION_STATUSES = ['submitted', 'auto_admitted', 'pending_review', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** A rule tree of the server's rule engine (server/src/platform/rules). */
export type RuleValue = number | string | boolean;
export interface Condition {
  field: string;
  op: string;
  value?: RuleValue | RuleValue[];
}
export type Rule = { all: Rule[] } | { any: Rule[] } | { not: Rule } | Condition;

export interface FieldDef {
  name: string;
  type: 'number' | 'boolean' | 'enum' | 'text';
  label: { zh: string; en: string };
  unit: { zh: string; en: string } | null;
  options: { value: string; zh: string; en: string }[];
  ops: string[];
}

export interface ConditionResult {
  path: string;
  field: string;
  label: string;
  op: string;
  expected: unknown;
  actual: unknown;
  passed: boolean;
  text: string;
}
export interface Evaluation {
  passed: boolean;
  conditions: ConditionResult[];
}

export interface WlEnterprise {
  id: string;
  uscc: string;
  name: string;
  kind: 'enterprise' | 'project' | 'park';
  sector: Sector;
  cityOperationSupport: boolean;
  regionCode: string;
  regionName: string;
  legalRepresentative: string;
  contactName: string | null;
  contactPhoneMasked: string | null;
  employees: number;
  outputValueFen: number;
  dormitoryCapacity: number;
  closedLoopCapacity: number;
  hasPreventionPlan: boolean;
  hasTaskForce: boolean;
  competentDepartment: string | null;
  liaisonCadres: string | null;
  pairedMedicalInstitution: string | null;
  preventionStaff: number;
  taxCreditRating: TaxCreditRating | null;
  taxArrears: boolean;
  serviceTier: ServiceTier | null;
  listingStatus: ListingStatus;
  applicationStatus: ApplicationStatus | null;
  profileVersion: number;
  updatedAt: string;
  actions: string[];
}

export interface WlApplication {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  uscc: string;
  regionCode: string;
  regionName: string;
  sector: Sector;
  status: ApplicationStatus;
  checkPassed: boolean;
  checkResult: Evaluation | null;
  priority: boolean;
  statement: string | null;
  decisionReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  submittedAt: string;
  round: number;
  actions: string[];
}

export interface HistoryStep {
  id: string;
  event: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  detail: unknown;
  actorName: string | null;
  at: string;
}
export interface SupplyLink {
  id: string;
  direction: 'upstream' | 'downstream';
  partnerName: string;
  partnerUscc: string;
  partnerListed: boolean;
}
export interface SpotCheck {
  id: string;
  checkedOn: string;
  checker: string;
  findings: string;
  passed: boolean;
  recordedBy: string | null;
}
export interface ProfileVersion {
  version: number;
  changes: unknown;
  changedBy: string | null;
  at: string;
}
export interface EnterpriseDetail {
  enterprise: WlEnterprise;
  application: WlApplication | null;
  history: HistoryStep[];
  spotChecks: SpotCheck[];
  links: SupplyLink[];
  versions: ProfileVersion[];
}
export interface MyApplication {
  application: WlApplication | null;
  listingStatus: ListingStatus;
  criteria: { title: string; description: string; autoAdmit: boolean } | null;
  check: Evaluation | null;
  canApply: boolean;
  history: HistoryStep[];
}
export interface Criteria {
  id: string;
  regionCode: string;
  regionName: string;
  sector: Sector;
  title: string;
  rule: Rule;
  description: string;
  autoAdmit: boolean;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
  editable: boolean;
}
export interface Batch {
  id: string;
  regionCode: string;
  sector: Sector;
  number: number;
  title: string;
  publishedOn: string;
  publishedBy: string | null;
  size: number;
}
export interface BatchItem {
  id: string;
  name: string;
  uscc: string;
  regionCode: string;
  regionName: string;
  kind: string;
  serviceTier: ServiceTier | null;
  listingStatus: ListingStatus;
  outputValueFen: number;
}
export interface CoverageRow {
  regionCode: string;
  regionName: string;
  sector: Sector;
  whitelistedFen: number;
  totalFen: number | null;
  coverage: number | null;
  belowTarget: boolean;
}
export interface Coverage {
  target: number;
  date: string;
  rows: CoverageRow[];
}
export interface ImportReport {
  rows: number;
  created: number;
  existing: number;
  rejected: { row: number; reason: string }[];
}

export interface WlFilters {
  q?: string | undefined;
  regionCode?: string | undefined;
  sector?: Sector | undefined;
  listingStatus?: ListingStatus | undefined;
  serviceTier?: ServiceTier | undefined;
}

export type ProfileBody = Partial<{
  legalRepresentative: string;
  contactName: string | null;
  contactPhone: string | null;
  employees: number;
  outputValueFen: number;
  dormitoryCapacity: number;
  closedLoopCapacity: number;
  hasPreventionPlan: boolean;
  hasTaskForce: boolean;
  competentDepartment: string | null;
  liaisonCadres: string | null;
  pairedMedicalInstitution: string | null;
  preventionStaff: number;
  cityOperationSupport: boolean;
}>;

/** Tax credit ratings (纳税信用等级), as the server's TAX_CREDIT_RATINGS. */
export const TAX_CREDIT_RATINGS = ['A', 'B', 'M', 'C', 'D'] as const;
export type TaxCreditRating = (typeof TAX_CREDIT_RATINGS)[number];

const enc = encodeURIComponent;

function useInvalidate(...keys: string[][]) {
  const qc = useQueryClient();
  return () => Promise.all(keys.map((queryKey) => qc.invalidateQueries({ queryKey })));
}

// ── enterprise self-service ─────────────────────────────────────────────
export function useMyProfile() {
  return useQuery({ queryKey: ['enterprise', 'profile'], queryFn: ({ signal }) => api.get<WlEnterprise>('/api/enterprise/profile', undefined, signal) });
}
export function useUpdateProfile() {
  const invalidate = useInvalidate(['enterprise']);
  return useMutation({ mutationFn: (body: ProfileBody) => api.put<WlEnterprise>('/api/enterprise/profile', body), onSuccess: invalidate });
}
export function useMyApplication() {
  return useQuery({ queryKey: ['enterprise', 'application', currentLanguage()], queryFn: ({ signal }) => api.get<MyApplication>('/api/enterprise/application', undefined, signal) });
}
export function useApply() {
  const invalidate = useInvalidate(['enterprise']);
  return useMutation({ mutationFn: (statement: string | null) => api.post<WlApplication>('/api/enterprise/application', { statement }), onSuccess: invalidate });
}
export function useMyLinks() {
  return useQuery({ queryKey: ['enterprise', 'links'], queryFn: ({ signal }) => api.get<SupplyLink[]>('/api/enterprise/links', undefined, signal) });
}
export function useSaveLinks() {
  const invalidate = useInvalidate(['enterprise']);
  return useMutation({
    mutationFn: (links: { direction: 'upstream' | 'downstream'; partnerName: string; partnerUscc: string }[]) => api.put<SupplyLink[]>('/api/enterprise/links', { links }),
    onSuccess: invalidate,
  });
}
/** The profile's version history: the enterprise's own history steps of kind profile.change. */

// ── criteria ─────────────────────────────────────────────────────────────
export function useCriteriaFields() {
  return useQuery({ queryKey: ['whitelist', 'fields'], queryFn: ({ signal }) => api.get<FieldDef[]>('/api/whitelist/criteria/fields', undefined, signal), staleTime: 10 * 60_000 });
}
export function useCriteria(regionCode: string | undefined, sector?: Sector) {
  return useQuery({
    queryKey: ['whitelist', 'criteria', regionCode, sector, currentLanguage()],
    queryFn: ({ signal }) => api.get<Criteria[]>('/api/whitelist/criteria', { regionCode, sector }, signal),
  });
}
export function useSaveCriteria() {
  const invalidate = useInvalidate(['whitelist', 'criteria']);
  return useMutation({
    mutationFn: (body: { regionCode: string; sector: Sector; title: string; rule: Rule; autoAdmit: boolean }) => api.put<Criteria>('/api/whitelist/criteria', body),
    onSuccess: invalidate,
  });
}

// ── department ───────────────────────────────────────────────────────────
export function useWlEnterprises(query: WlFilters & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['whitelist', 'enterprises', query],
    queryFn: ({ signal }) => api.get<Page<WlEnterprise>>('/api/whitelist/enterprises', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}
export function exportWhitelist(filters: WlFilters): Promise<string> {
  return downloadFile('/api/whitelist/enterprises/export', { ...filters }, 'whitelist.xlsx');
}
export function useEnterpriseDetail(id: string | undefined) {
  return useQuery({
    queryKey: ['whitelist', 'enterprise', id],
    queryFn: ({ signal }) => api.get<EnterpriseDetail>(`/api/whitelist/enterprises/${enc(id!)}`, undefined, signal),
    enabled: Boolean(id),
  });
}
export function useAdjust() {
  const invalidate = useInvalidate(['whitelist']);
  return useMutation({
    mutationFn: ({ id, action, body }: { id: string; action: 'remove' | 'suspend' | 'resume' | 'readmit'; body: { reason: string; evidence?: string | null; decision?: string | null } }) =>
      api.post<WlEnterprise>(`/api/whitelist/enterprises/${enc(id)}/${action}`, body),
    onSuccess: invalidate,
  });
}
export function useAddSpotCheck() {
  const invalidate = useInvalidate(['whitelist']);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: { checkedOn: string; checker: string; findings: string; passed: boolean } }) =>
      api.post<SpotCheck>(`/api/whitelist/enterprises/${enc(id)}/spot-checks`, body),
    onSuccess: invalidate,
  });
}
export function useSetTier() {
  const invalidate = useInvalidate(['whitelist']);
  return useMutation({
    mutationFn: ({ id, serviceTier }: { id: string; serviceTier: ServiceTier | null }) => api.put<WlEnterprise>(`/api/whitelist/enterprises/${enc(id)}/tier`, { serviceTier }),
    onSuccess: invalidate,
  });
}
/** The tax bureau's data for one enterprise, recorded by a department with whitelist.import. */
export function useSetTaxStatus() {
  const invalidate = useInvalidate(['whitelist']);
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; taxCreditRating: TaxCreditRating | null; taxArrears: boolean }) => api.put<WlEnterprise>(`/api/whitelist/enterprises/${enc(id)}/tax-status`, body),
    onSuccess: invalidate,
  });
}
export function useApplications(query: { status?: ApplicationStatus | undefined; regionCode?: string | undefined; sector?: Sector | undefined; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['whitelist', 'applications', query, currentLanguage()],
    queryFn: ({ signal }) => api.get<Page<WlApplication>>('/api/whitelist/applications', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}
export function useDecide() {
  const invalidate = useInvalidate(['whitelist']);
  return useMutation({
    mutationFn: ({ id, decision, reason }: { id: string; decision: 'approve' | 'reject'; reason: string | null }) =>
      api.post<WlApplication>(`/api/whitelist/applications/${enc(id)}/${decision}`, { reason }),
    onSuccess: invalidate,
  });
}
export function useBatches() {
  return useQuery({ queryKey: ['whitelist', 'batches'], queryFn: ({ signal }) => api.get<Batch[]>('/api/whitelist/batches', undefined, signal) });
}
export function useBatch(id: string | undefined) {
  return useQuery({
    queryKey: ['whitelist', 'batch', id],
    queryFn: ({ signal }) => api.get<{ batch: Batch; items: BatchItem[] }>(`/api/whitelist/batches/${enc(id!)}`, undefined, signal),
    enabled: Boolean(id),
  });
}
export function usePublishBatch() {
  const invalidate = useInvalidate(['whitelist']);
  return useMutation({
    mutationFn: (body: { regionCode: string; sector: Sector; title: string; publishedOn?: string }) => api.post<Batch>('/api/whitelist/batches', body),
    onSuccess: invalidate,
  });
}
export function exportBatch(id: string, title: string): Promise<string> {
  return downloadFile(`/api/whitelist/batches/${enc(id)}/export`, {}, `${title}.xlsx`);
}
export function useCoverage(regionCode: string | undefined, date: string | undefined) {
  return useQuery({
    queryKey: ['whitelist', 'coverage', regionCode, date],
    queryFn: ({ signal }) => api.get<Coverage>('/api/whitelist/coverage', { regionCode, date }, signal),
    placeholderData: keepPreviousData,
  });
}
export function useSetSectorTotal() {
  const invalidate = useInvalidate(['whitelist']);
  return useMutation({
    mutationFn: (body: { regionCode: string; sector: Sector; effectiveFrom: string; totalOutputFen: number }) => api.put<unknown>('/api/whitelist/sector-totals', body),
    onSuccess: invalidate,
  });
}
export function exportCodeProtection(format: 'xlsx' | 'csv', regionCode: string | undefined): Promise<string> {
  return downloadFile('/api/whitelist/code-protection/export', { format, regionCode }, `code-protection.${format}`);
}

/** Uploads an .xlsx (multipart field "file"); fetch is used directly since the body is not JSON. */
async function uploadXlsx<T>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file);
  const res = await fetch(path, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': currentLanguage() } });
  const text = await res.text();
  const body = (text ? JSON.parse(text) : null) as (T & { code?: string; message?: string; field?: string }) | null;
  if (!res.ok) throw new ApiError(res.status, body?.code ?? `http.${res.status}`, body?.message ?? `HTTP ${res.status}`, body?.field);
  return body!;
}
export function uploadImport(file: File): Promise<ImportReport> {
  return uploadXlsx<ImportReport>('/api/whitelist/import', file);
}
export function downloadImportTemplate(): Promise<string> {
  return downloadFile('/api/whitelist/import/template', {}, 'import-template.xlsx');
}

export interface SectorTotal {
  id: string;
  regionCode: string;
  regionName: string;
  sector: Sector;
  effectiveFrom: string;
  totalOutputFen: number;
  enteredBy: string | null;
  enteredAt: string;
}
export interface TotalsImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: { row: number; reason: string }[];
}
export interface SectorTotalFilters {
  regionCode?: string | undefined;
  sector?: Sector | undefined;
}
export function useSectorTotals(f: SectorTotalFilters & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['whitelist', 'sector-totals', f],
    queryFn: ({ signal }) => api.get<Page<SectorTotal>>('/api/whitelist/sector-totals', { ...f }, signal),
    placeholderData: keepPreviousData,
  });
}
export function exportSectorTotals(f: SectorTotalFilters): Promise<string> {
  return downloadFile('/api/whitelist/sector-totals/export', { ...f }, 'sector-totals.xlsx');
}
export function downloadSectorTotalsTemplate(): Promise<string> {
  return downloadFile('/api/whitelist/sector-totals/template', {}, 'sector-totals-template.xlsx');
}
export function useImportSectorTotals() {
  const invalidate = useInvalidate(['whitelist']);
  return useMutation({ mutationFn: (file: File) => uploadXlsx<TotalsImportReport>('/api/whitelist/sector-totals/import', file), onSuccess: invalidate });
}
export function useMyProfileVersions() {
  return useQuery({ queryKey: ['enterprise', 'profile', 'versions'], queryFn: ({ signal }) => api.get<ProfileVersion[]>('/api/enterprise/profile/versions', undefined, signal) });
}
export function useImport() {
  const invalidate = useInvalidate(['whitelist']);
  return useMutation({ mutationFn: uploadImport, onSuccess: invalidate });
}

/** 万元 from fen (1 万元 = 1,000,000 fen). */
export function wanFromFen(fen: number): string {
  return (fen / 1e6).toLocaleString('zh-CN', { maximumFractionDigits: 2 });
}
