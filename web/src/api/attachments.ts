import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUpload, downloadFile } from './client';

export interface Attachment {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: string;
  /** The server's answer to "may I remove this file now?" (its uploader, while the record is open). */
  canDelete: boolean;
}
export interface AttachmentList {
  items: Attachment[];
  /** The server's answer to "may I add a file now?": the upload button follows it. */
  canAdd: boolean;
}

/** The base path of an owner's files, e.g. /api/demands/<id>/attachments. */
export type AttachmentsPath = `/api/${string}/attachments`;

export function useAttachments(path: AttachmentsPath, enabled = true) {
  return useQuery({ queryKey: ['attachments', path], queryFn: ({ signal }) => api.get<AttachmentList>(path, undefined, signal), enabled });
}
export function uploadAttachment(path: AttachmentsPath, file: File): Promise<Attachment> {
  return apiUpload<Attachment>(path, file, file.name);
}
export function useUploadAttachment(path: AttachmentsPath) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (file: File) => uploadAttachment(path, file), onSuccess: () => qc.invalidateQueries({ queryKey: ['attachments', path] }) });
}
export function useDeleteAttachment(path: AttachmentsPath) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (a: Attachment) => api.delete<undefined>(`${path}/${a.id}`), onSuccess: () => qc.invalidateQueries({ queryKey: ['attachments', path] }) });
}
export function downloadAttachment(path: AttachmentsPath, a: Attachment): Promise<string> {
  return downloadFile(`${path}/${a.id}`, {}, a.name);
}
