import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { eq, sql, type SQL } from 'drizzle-orm';
import { sm3Hex } from '../platform/crypto.js';
import { users } from '../platform/auth/tables.js';
import type { TestApp } from './app.js';

/** Small helpers shared by the API test files. */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A password that meets the default policy, distinct per call. */
export function strongPassword(): string {
  return `Tt#${crypto.randomBytes(6).toString('hex')}9`;
}

export function randomUuid(): string {
  return crypto.randomUUID();
}

/** The session row id (SM3 of the token) behind a cookie header from TestApp.login. */
export function sessionIdOf(cookie: string): string {
  const token = cookie.replace(/^sibao_session=/, '').split(';')[0]!;
  return sm3Hex(token);
}

export async function userIdOf(t: TestApp, username: string): Promise<string> {
  const row = (await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0];
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
}

/** Raw SQL returning rows, the same on PGlite and PostgreSQL. */
export async function rows<T = Record<string, unknown>>(t: TestApp, query: SQL): Promise<T[]> {
  const res = (await t.database.db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

export async function exec(t: TestApp, query: SQL): Promise<void> {
  await t.database.db.execute(query);
}

/** The database's own message for a failed statement (Drizzle wraps it in "Failed query: …"). */
export async function dbError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const parts: string[] = [];
    let cur: unknown = e;
    while (cur instanceof Error) {
      parts.push(cur.message);
      cur = (cur as { cause?: unknown }).cause;
    }
    return parts.join(' | ');
  }
  throw new Error('the statement succeeded');
}

/** The cells of the first worksheet of an xlsx body, row by row (header row first). */
export async function readXlsx(body: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no worksheet');
  const out: unknown[][] = [];
  ws.eachRow((row) => {
    const values = row.values as unknown[];
    out.push(values.slice(1));
  });
  return out;
}

/**
 * Creates an account through POST /api/users as the given administrator, signs it in with the
 * initial password and changes it, so it is ready for use (apart from a second factor an
 * administrator role still has to enrol). Returns the id and the new password.
 */
export async function createActiveUser(
  t: TestApp,
  adminCookie: string,
  body: { username: string; role: string; regionCode: string; displayName?: string; departmentId?: string; taskForceId?: string; enterpriseId?: string; phone?: string },
): Promise<{ id: string; password: string }> {
  const initial = strongPassword();
  const res = await t.req('POST', '/api/users', { cookie: adminCookie, body: { displayName: body.username, ...body, password: initial } });
  if (res.statusCode !== 201) throw new Error(`create ${body.username}: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  const cookie = await t.login(body.username, initial);
  const password = strongPassword();
  const changed = await t.req('POST', '/api/auth/password', { cookie, body: { currentPassword: initial, newPassword: password } });
  if (changed.statusCode !== 204) throw new Error(`password of ${body.username}: ${changed.statusCode} ${changed.body}`);
  return { id, password };
}

/** Sets a session's clock fields directly, to test the idle timeout and lifetime without waiting. */
export async function ageSession(t: TestApp, cookie: string, fields: { lastSeenMinutesAgo?: number; expiresMinutesAgo?: number }) {
  const id = sessionIdOf(cookie);
  if (fields.lastSeenMinutesAgo !== undefined) {
    await exec(t, sql`update sessions set last_seen_at = now() - make_interval(mins => ${fields.lastSeenMinutesAgo}) where id = ${id}`);
  }
  if (fields.expiresMinutesAgo !== undefined) {
    await exec(t, sql`update sessions set expires_at = now() - make_interval(mins => ${fields.expiresMinutesAgo}) where id = ${id}`);
  }
}

/** A multipart/form-data body with one file in the field "file", for inject(). */
export function multipartFile(file: Buffer, fileName = 'upload.xlsx', contentType = XLSX_TYPE): { payload: Buffer; contentType: string } {
  const boundary = '----sibaotest';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}
