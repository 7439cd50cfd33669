import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Command, Department, Enterprise, OrgSummary, Page, RegionNode } from './types';

export function useOrgSummary(enabled = true) {
  return useQuery({
    queryKey: ['org', 'summary'],
    queryFn: () => api.get<OrgSummary>('/api/org/summary'),
    enabled,
  });
}

export function useRegions(enabled = true) {
  return useQuery({
    queryKey: ['org', 'regions'],
    queryFn: () => api.get<RegionNode[]>('/api/org/regions'),
    staleTime: 10 * 60_000,
    enabled,
  });
}

export function useCommands(regionCode: string | undefined) {
  return useQuery({
    queryKey: ['org', 'commands', regionCode],
    queryFn: () => api.get<Command[]>('/api/org/commands', { regionCode }),
    enabled: Boolean(regionCode),
    staleTime: 60_000,
  });
}

export function useDepartments(regionCode: string | undefined) {
  return useQuery({
    queryKey: ['org', 'departments', regionCode],
    queryFn: () => api.get<Department[]>('/api/org/departments', { regionCode }),
    enabled: Boolean(regionCode),
    staleTime: 60_000,
  });
}

export function useEnterprises(q: string, regionCode: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['org', 'enterprises', regionCode, q],
    queryFn: () => api.get<Page<Enterprise>>('/api/org/enterprises', { q, regionCode, page: 1, pageSize: 20 }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Depth-first search of the region forest. */
export function findRegion(nodes: RegionNode[] | undefined, code: string): RegionNode | undefined {
  for (const node of nodes ?? []) {
    if (node.code === code) return node;
    const hit = findRegion(node.children, code);
    if (hit) return hit;
  }
  return undefined;
}
