import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, currentLanguage, downloadFile } from './client';
import type { Page } from './types';

export const VENUE_KINDS = ['building', 'floor', 'workshop', 'area', 'door'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];
export const DRUG_CLASSES = ['fever', 'cough', 'antiviral', 'antibiotic'] as const;
export type DrugClass = (typeof DRUG_CLASSES)[number];
export const INGEST_KINDS = ['test-results', 'venue-scans', 'drug-purchases'] as const;
export type IngestKindSlug = (typeof INGEST_KINDS)[number];
export const KIND_OF_SLUG = { 'test-results': 'test_results', 'venue-scans': 'venue_scans', 'drug-purchases': 'drug_purchases' } as const;

export interface Venue { id: string; code: string; enterpriseId: string; enterpriseName: string; regionCode: string; parentId: string | null; name: string; kind: VenueKind; unitId: string | null; unitName: string | null }
export interface VenueFilters { enterpriseId?: string; kind?: VenueKind; q?: string }
export interface VenueInput { enterpriseId?: string; parentId?: string | null; name: string; kind: VenueKind; unitId?: string | null }
export interface TracedPerson { personHash: string; idCardMasked: string; idCard: string | null; name: string | null; employeeId: string | null; enterpriseId: string | null; unitId: string | null }
export interface Contact extends TracedPerson { overlaps: number; minGapMinutes: number; sameUnit: boolean; venues: string[]; via: number }
export interface TouchedUnit { id: string; name: string; enterpriseId: string; isolated: boolean; members: { employeeId: string; name: string; idCardMasked: string; post: string }[] }
export interface TraceResult { person: TracedPerson; windowMinutes: number; scans: { venueCode: string; venueName: string; unitId: string | null; scannedAt: string }[]; contacts: Contact[]; secondOrder: Contact[] | null; units: TouchedUnit[] }
export interface TraceInput { employeeId?: string; idCard?: string; from: string; to: string; secondOrder: boolean; reveal: boolean }
export interface Isolation { id: string; unitId: string; isolatedFrom: string; isolatedUntil: string | null; reason: string; createdBy: string | null; createdAt: string }
export interface LoopUnit { id: string; name: string; kind: string; members: number; venues: number; status: 'isolated' | 'scheduled' | 'producing'; isolation: Isolation | null }
export interface LoopPicture { enterprise: { id: string; name: string }; units: LoopUnit[]; mayIsolate: boolean }
export interface DrugPurchase { purchaseId: string; idCardMasked: string; phoneMasked: string | null; drugClass: DrugClass; pharmacy: string; purchasedAt: string; regionCode: string; regionName: string; enterpriseId: string | null; enterpriseName: string | null; alerted: boolean }
export interface PurchaseFilters { drugClass?: DrugClass; q?: string; from?: string; to?: string }

const enc = encodeURIComponent;

export function useVenues(f: VenueFilters, enabled = true) {
  return useQuery({ queryKey: ['prevention', 'venues', f], queryFn: ({ signal }) => api.get<{ items: Venue[]; mayEdit: boolean }>('/api/prevention/venues', { ...f }, signal), placeholderData: keepPreviousData, enabled });
}
export function exportVenues(f: VenueFilters): Promise<string> {
  return downloadFile('/api/prevention/venues/export', { ...f }, 'venue-codes.xlsx');
}
export function useSaveVenue() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...b }: VenueInput & { id?: string }) => (id ? api.patch<Venue>(`/api/prevention/venues/${enc(id)}`, { parentId: b.parentId ?? null, name: b.name, kind: b.kind, unitId: b.unitId ?? null }) : api.post<Venue>('/api/prevention/venues', b)),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['prevention', 'venues'] }),
  });
}

/** POSTs a JSON body and saves the binary answer under the given name; errors come back as ApiError. */
async function postDownload(path: string, body: unknown, accept: string, fileName: string): Promise<void> {
  const res = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json', Accept: `${accept}, application/json`, 'Accept-Language': currentLanguage() }, body: JSON.stringify(body) });
  if (!res.ok) {
    const err = (await res.json().catch(() => null)) as { code?: string; message?: string; field?: string } | null;
    throw new ApiError(res.status, err?.code ?? `http.${res.status}`, err?.message ?? `HTTP ${res.status}`, err?.field);
  }
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The printable PDF sheet (a POST: the selection may be long). */
export function printVenues(ids: string[]): Promise<void> {
  return postDownload('/api/prevention/venues/print', { ids }, 'application/pdf', 'venue-codes.pdf');
}

/** The contacts of a trace as Excel (the server traces again: masked as listed, audited as a trace). */
export function exportContacts(input: TraceInput, fileName: string): Promise<void> {
  return postDownload('/api/prevention/tracing/export', input, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName);
}

export function useTrace() {
  return useMutation({ mutationFn: (b: TraceInput) => api.post<TraceResult>('/api/prevention/tracing', b) });
}
export function useLoopPicture(enterpriseId: string | undefined) {
  return useQuery({ queryKey: ['prevention', 'loop-picture', enterpriseId], queryFn: ({ signal }) => api.get<LoopPicture>(`/api/prevention/loop-picture/${enc(enterpriseId ?? '')}`, undefined, signal), enabled: Boolean(enterpriseId) });
}
export function useIsolate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, ...b }: { unitId: string; from: string; until: string | null; reason: string }) => api.put<Isolation>(`/api/prevention/units/${enc(unitId)}/isolation`, b),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['prevention'] }),
  });
}
export function useLift() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, reason }: { unitId: string; reason: string }) => api.post<undefined>(`/api/prevention/units/${enc(unitId)}/isolation/lift`, { reason }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['prevention'] }),
  });
}
export function useDrugPurchases(f: PurchaseFilters & { page: number; pageSize: number }) {
  return useQuery({ queryKey: ['prevention', 'drug-purchases', f], queryFn: ({ signal }) => api.get<Page<DrugPurchase>>('/api/prevention/drug-purchases', { ...f }, signal), placeholderData: keepPreviousData });
}
export function exportDrugPurchases(f: PurchaseFilters): Promise<string> {
  return downloadFile('/api/prevention/drug-purchases/export', { ...f }, 'drug-purchases.xlsx');
}
