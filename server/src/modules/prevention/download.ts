import type { FastifyReply } from 'fastify';

/** A file download with a UTF-8 file name (Chinese names survive every browser). */
export function sendDownload(reply: FastifyReply, contentType: string, fileName: string, body: Buffer | string) {
  return reply.header('content-type', contentType).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`).send(body);
}

/** CSV with a BOM so Excel opens Chinese text correctly. */
export function csvText(lines: string[][]): string {
  const esc = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return '\ufeff' + lines.map((l) => l.map(esc).join(',')).join('\r\n');
}
