import { useEffect } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Page } from './types';

export interface Notification {
  id: string;
  kind: string;
  title: { zh: string; en: string };
  body: { zh: string; en: string } | null;
  link: string | null;
  ref: { type: string; id: string } | null;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationPage extends Page<Notification> {
  unread: number;
}

export const notificationsKey = ['notifications'] as const;
const countKey = [...notificationsKey, 'unread-count'] as const;

export function useNotifications(query: { page: number; pageSize: number; unread?: boolean }) {
  return useQuery({
    queryKey: [...notificationsKey, 'list', query],
    queryFn: ({ signal }) =>
      api.get<NotificationPage>('/api/notifications', { page: query.page, pageSize: query.pageSize, unread: query.unread ? 'true' : undefined }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useUnreadCount() {
  return useQuery({
    queryKey: countKey,
    queryFn: ({ signal }) => api.get<{ count: number }>('/api/notifications/unread-count', undefined, signal),
    select: (d) => d.count,
    // The event stream keeps it current; this is only the first answer and the fallback.
    staleTime: 60_000,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Notification>(`/api/notifications/${id}/read`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: notificationsKey }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ updated: number }>('/api/notifications/read-all'),
    onSuccess: () => void qc.invalidateQueries({ queryKey: notificationsKey }),
  });
}

/**
 * Follows GET /api/notifications/stream (server-sent events): each `unread` event carries the new
 * unread count; lists are refetched when it changes. The browser reconnects by itself after a
 * drop; an `end` event (the session is over) stops it.
 */
export function useNotificationStream(enabled: boolean) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const es = new EventSource('/api/notifications/stream', { withCredentials: true });
    let last: number | undefined;
    es.addEventListener('unread', (ev: MessageEvent<string>) => {
      const { count } = JSON.parse(ev.data) as { count: number };
      qc.setQueryData(countKey, { count });
      if (last !== undefined && last !== count) void qc.invalidateQueries({ queryKey: [...notificationsKey, 'list'] });
      last = count;
    });
    es.addEventListener('end', () => es.close());
    return () => es.close();
  }, [enabled, qc]);
}

/** The notification's text in the interface language. */
export function localized(text: { zh: string; en: string } | null, lang: string): string {
  if (!text) return '';
  return lang === 'en-US' ? text.en : text.zh;
}
