import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, currentLanguage, downloadFile } from './client';
import type { Page } from './types';
import type { Evaluation, FieldDef, Rule } from './whitelist';

export const POLICY_CATEGORIES = ['vat_refund', 'tax_fee_reduction', 'fiscal_subsidy', 'credit', 'supply_price', 'social_insurance', 'job_retention', 'employment', 'labour', 'utilities'] as const;
export type PolicyCategory = (typeof POLICY_CATEGORIES)[number];
export const POLICY_LEVELS = ['national', 'provincial', 'city', 'county'] as const;
export type PolicyLevel = (typeof POLICY_LEVELS)[number];
export const POLICY_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];
export const UPTAKE_STATUSES = ['eligible', 'applied', 'approved', 'rejected', 'disbursed'] as const;
export type UptakeStatus = (typeof UPTAKE_STATUSES)[number];
export const CLAIM_STATUSES = ['submitted', 'approved', 'rejected'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export type Expr = { const: number } | { field: string } | { op: 'add' | 'sub' | 'mul' | 'div' | 'min' | 'max'; args: Expr[] };
export type Benefit =
  | { kind: 'none'; text?: string }
  | { kind: 'amount'; amountFen: number; text?: string }
  | { kind: 'rate'; rateBp: number; base?: Expr; text?: string }
  | { kind: 'formula'; expr: Expr; capFen?: number; text?: string };
export interface RulePack {
  minEmployees: number;
  shareBp: number;
  provinceParts: number;
  localParts: number;
}

export interface PolicyInput {
  regionCode: string;
  title: string;
  issuingBody: string;
  level: PolicyLevel;
  documentNumber?: string | null;
  category: PolicyCategory;
  validFrom?: string | null;
  validTo?: string | null;
  summary: string;
  fullText?: string | null;
  howToApply?: string | null;
  consultantName?: string | null;
  consultantContact?: string | null;
  rule: Rule;
  benefit: Benefit;
  subsidy?: RulePack | null;
}
export interface Policy extends Omit<PolicyInput, 'rule' | 'benefit'> {
  id: string;
  regionName: string;
  status: PolicyStatus;
  version: number;
  rule: Rule;
  benefit: Benefit;
  ruleText: string;
  benefitText: string;
  publishedAt: string | null;
  updatedBy: string | null;
  updatedAt: string;
  actions: string[];
}
export interface PolicyVersion {
  version: number;
  ruleText: string;
  benefitText: string;
  createdBy: string | null;
  createdAt: string;
}
export interface PolicyFilters {
  q?: string;
  category?: PolicyCategory;
  level?: PolicyLevel;
  status?: PolicyStatus;
  regionCode?: string;
}
export interface Match {
  id: string;
  policyId: string;
  policyTitle: string;
  category: PolicyCategory;
  enterpriseId: string;
  enterpriseName: string;
  uscc: string;
  regionCode: string;
  regionName: string;
  sector: string;
  policyVersion: number;
  qualifies: boolean;
  benefitFen: number | null;
  status: UptakeStatus;
  applicationRef: string | null;
  appliedAt: string | null;
  decisionNote: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  disbursedFen: number | null;
  disbursedAt: string | null;
  matchedAt: string;
  notifiedAt: string | null;
  lapsedAt: string | null;
  actions: string[];
}
export interface MatchFilters {
  policyId?: string;
  regionCode?: string;
  sector?: string;
  status?: UptakeStatus;
  notApplied?: boolean;
  includeLapsed?: boolean;
}
export interface UptakeRow {
  key: string;
  label: string;
  eligible: number;
  notified: number;
  applied: number;
  approved: number;
  disbursed: number;
  benefitFen: number;
  disbursedFen: number;
}
export interface Claim {
  id: string;
  policyId: string;
  enterpriseId: string;
  enterpriseName: string;
  regionCode: string;
  regionName: string;
  invoiceNumber: string;
  invoiceDate: string;
  supplier: string;
  priceFen: number;
  subsidyFen: number;
  provinceFen: number;
  localFen: number;
  rulePack: RulePack;
  status: ClaimStatus;
  decisionNote: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
  actions: string[];
  /** Decisions refused for now, with the server's error id (approve: no invoice attached yet). */
  blocked: { action: 'approve' | 'reject'; code: string }[];
  /** The invoice files attached (PDF or image). */
  invoices: InvoiceFile[];
}
export interface InvoiceFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  createdAt: string;
}
export interface Quote {
  priceFen: number;
  subsidyFen: number;
  provinceFen: number;
  localFen: number;
  rulePack: RulePack;
  policyId: string | null;
  policyTitle: string | null;
}
export interface PayerRow {
  regionCode: string;
  regionName: string;
  claims: number;
  priceFen: number;
  subsidyFen: number;
  provinceFen: number;
  localFen: number;
}

/** Fen as yuan with two decimals and thousands separators. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const a = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(a / 100).toLocaleString('en-US')}.${String(a % 100).padStart(2, '0')}`;
}
/** Yuan typed by a person (at most two decimals) to integer fen. */
export function fenFromYuan(v: number): number {
  return Math.round(v * 100);
}

const enc = encodeURIComponent;
const keys = { all: ['policies'] as const };

export function usePolicyFields() {
  return useQuery({ queryKey: ['policies', 'fields'], queryFn: ({ signal }) => api.get<FieldDef[]>('/api/policies/fields', undefined, signal), staleTime: 10 * 60_000 });
}
export function usePolicies(query: PolicyFilters & { page: number; pageSize: number }) {
  return useQuery({ queryKey: ['policies', 'list', query], queryFn: ({ signal }) => api.get<Page<Policy>>('/api/policies', { ...query }, signal), placeholderData: keepPreviousData });
}
export function exportPolicies(filters: PolicyFilters) {
  return downloadFile('/api/policies/export', { ...filters }, 'policies.xlsx');
}
export function usePolicy(id: string | undefined) {
  return useQuery({ queryKey: ['policies', 'detail', id], queryFn: ({ signal }) => api.get<Policy & { versions: PolicyVersion[] }>(`/api/policies/${enc(id!)}`, undefined, signal), enabled: Boolean(id) });
}
export function useSavePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: PolicyInput }) => (id ? api.put<Policy>(`/api/policies/${enc(id)}`, body) : api.post<Policy>('/api/policies', body)),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}
export function usePolicyTransition() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'publish' | 'withdraw' }) => api.post<Policy>(`/api/policies/${enc(id)}/${action}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}
export function usePreviewEnterprises(q: string) {
  return useQuery({ queryKey: ['policies', 'enterprises', q], queryFn: ({ signal }) => api.get<{ id: string; name: string; uscc: string; regionCode: string }[]>('/api/policies/enterprises', { q }, signal), placeholderData: keepPreviousData });
}
export function usePreview() {
  return useMutation({
    mutationFn: (body: { enterpriseId: string; rule: Rule; benefit: Benefit }) => api.post<{ enterprise: { id: string; name: string }; evaluation: Evaluation; benefitFen: number | null; benefitText: string }>('/api/policies/preview', body),
  });
}
export function useMyPolicies() {
  return useQuery({ queryKey: ['policies', 'mine'], queryFn: ({ signal }) => api.get<Match[]>('/api/enterprise/policies', undefined, signal) });
}
export function useApply() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reference }: { id: string; reference: string }) => api.post<Match>(`/api/enterprise/policies/${enc(id)}/apply`, { reference }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}
export function useMatches(query: MatchFilters & { page: number; pageSize: number }) {
  return useQuery({ queryKey: ['policies', 'matches', query], queryFn: ({ signal }) => api.get<Page<Match>>('/api/policy-matches', { ...query }, signal), placeholderData: keepPreviousData });
}
export function exportMatches(filters: MatchFilters) {
  return downloadFile('/api/policy-matches/export', { ...filters }, 'policy-uptake.xlsx');
}
export function useUptake(groupBy: 'policy' | 'region' | 'sector' | 'category', filters: MatchFilters) {
  return useQuery({ queryKey: ['policies', 'uptake', groupBy, filters], queryFn: ({ signal }) => api.get<UptakeRow[]>('/api/policy-matches/uptake', { groupBy, ...filters }, signal) });
}
export function useDecideMatch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; action: 'approve' | 'reject' | 'disburse'; note?: string; amountFen?: number }) => api.post<Match>(`/api/policy-matches/${enc(id)}/decision`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}
export function useQuote(priceFen: number | null) {
  return useQuery({ queryKey: ['policies', 'quote', priceFen], queryFn: ({ signal }) => api.get<Quote>('/api/booth-claims/quote', { priceFen }, signal), enabled: priceFen !== null && priceFen > 0 });
}
export function useMyClaims() {
  return useQuery({ queryKey: ['policies', 'my-claims'], queryFn: ({ signal }) => api.get<Claim[]>('/api/enterprise/booth-claims', undefined, signal) });
}
export function useFileClaim() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { invoiceNumber: string; invoiceDate: string; supplier: string; priceFen: number }) => api.post<Claim>('/api/enterprise/booth-claims', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}
/** Opens in the browser (inline) with the session cookie: the server checks the caller sees the claim. */
export function invoiceUrl(claimId: string, fileId: string): string {
  return `/api/booth-claims/${enc(claimId)}/invoices/${enc(fileId)}?inline=1`;
}
/** Attaches the invoice (multipart, field "file") to one of the enterprise's claims. */
export function useAttachInvoice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ claimId, file }: { claimId: string; file: File }) => {
      const form = new FormData();
      form.append('file', file);
      const res = await fetch(`/api/booth-claims/${enc(claimId)}/invoices`, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': currentLanguage() } });
      const text = await res.text();
      const body = (text ? JSON.parse(text) : null) as (InvoiceFile & { code?: string; message?: string; field?: string }) | null;
      if (!res.ok) throw new ApiError(res.status, body?.code ?? `http.${res.status}`, body?.message ?? `HTTP ${res.status}`, body?.field);
      return body!;
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}
export function useClaims(query: { status?: ClaimStatus; regionCode?: string; page: number; pageSize: number }) {
  return useQuery({ queryKey: ['policies', 'claims', query], queryFn: ({ signal }) => api.get<Page<Claim>>('/api/booth-claims', { ...query }, signal), placeholderData: keepPreviousData });
}
export function useDecideClaim() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; action: 'approve' | 'reject'; note?: string }) => api.post<Claim>(`/api/booth-claims/${enc(id)}/decision`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}
export function usePayerTotals(regionCode?: string) {
  return useQuery({ queryKey: ['policies', 'totals', regionCode], queryFn: ({ signal }) => api.get<{ rows: PayerRow[]; total: Omit<PayerRow, 'regionCode' | 'regionName'> }>('/api/booth-claims/totals', { regionCode }, signal) });
}
export function exportPayerTotals(regionCode?: string) {
  return downloadFile('/api/booth-claims/totals/export', { regionCode }, 'booth-subsidy-totals.xlsx');
}
