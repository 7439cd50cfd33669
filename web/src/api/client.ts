import i18n from '../i18n';

/** An error answered by the server (or a transport failure, status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }

  /** The form field named by the server: "body.password" → "password". */
  get fieldName(): string | undefined {
    if (!this.field) return undefined;
    const parts = this.field.split('.');
    return parts[parts.length - 1] || undefined;
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

type UnauthorizedHandler = () => void;

let onUnauthorized: UnauthorizedHandler = () => {
  if (window.location.pathname !== '/login') window.location.assign('/login');
};

/** Registers what to do when the session is gone (a 401 outside login / me). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

const NO_REDIRECT_ON_401 = new Set(['/api/auth/login', '/api/auth/me']);

export function currentLanguage(): 'zh-CN' | 'en-US' {
  return i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
}

/** Builds "/api/x?a=1&b=2", leaving out empty values. */
export function buildUrl(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function errorFromResponse(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    const text = await res.text();
    body = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    body = null;
  }
  if (isRecord(body)) {
    const code = typeof body.code === 'string' ? body.code : `http.${res.status}`;
    const message =
      typeof body.message === 'string' && body.message
        ? body.message
        : i18n.t('errors.http', { status: res.status });
    const field = typeof body.field === 'string' ? body.field : undefined;
    return new ApiError(res.status, code, message, field);
  }
  return new ApiError(res.status, `http.${res.status}`, i18n.t('errors.http', { status: res.status }));
}

interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
}

async function send(method: string, path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: accept,
    'Accept-Language': currentLanguage(),
  };
  const init: RequestInit = { method, headers, credentials: 'same-origin', signal: options.signal };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), init);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network.error', i18n.t('errors.network'));
  }
  if (!res.ok) {
    const error = await errorFromResponse(res);
    if (res.status === 401 && !NO_REDIRECT_ON_401.has(path)) onUnauthorized();
    throw error;
  }
  return res;
}

/** Uploads one file as multipart form data (field "file"); the JSON answer, or an ApiError. */
export async function apiUpload<T>(path: string, file: Blob, fileName: string): Promise<T> {
  const form = new FormData();
  form.append('file', file, fileName);
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': currentLanguage() } });
  } catch {
    throw new ApiError(0, 'network.error', i18n.t('errors.network'));
  }
  if (!res.ok) {
    const error = await errorFromResponse(res);
    if (res.status === 401) onUnauthorized();
    throw error;
  }
  return (await res.json()) as T;
}

/** JSON request; a 204 (or empty body) resolves to undefined. */
export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, options, 'application/json');
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => apiRequest<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>('PATCH', path, { body }),
  delete: <T>(path: string) => apiRequest<T>('DELETE', path),
};

function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      return fallback;
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

/** Downloads a file (an Excel export) through fetch, so errors come back as ApiError. */
export async function downloadFile(path: string, query: QueryParams, fallbackName: string): Promise<string> {
  const res = await send(
    'GET',
    path,
    { query },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/octet-stream, */*',
  );
  const blob = await res.blob();
  const name = filenameFrom(res.headers.get('Content-Disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
