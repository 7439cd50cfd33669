import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, downloadFile } from './client';
import type { AuditEvent, AuditFilters, AuditVerifyResult, Page } from './types';

export interface AuditQuery extends AuditFilters {
  page: number;
  pageSize: number;
}

export function useAuditEvents(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit', 'events', query],
    queryFn: ({ signal }) => api.get<Page<AuditEvent>>('/api/audit/events', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useVerifyAuditChain() {
  return useMutation({
    mutationFn: () => api.post<AuditVerifyResult>('/api/audit/verify'),
  });
}

export function exportAudit(filters: AuditFilters): Promise<string> {
  return downloadFile('/api/audit/export', { ...filters }, 'audit.xlsx');
}
