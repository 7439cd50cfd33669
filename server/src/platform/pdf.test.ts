import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CJK_FONT_BOLD, createPdf, pdfToBuffer } from './pdf.js';

/** The text of every ToUnicode CMap in the file: the glyph → Unicode map a text extractor reads. */
function toUnicodeMaps(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  const streams = /stream\r?\n([\s\S]*?)\r?\nendstream/g;
  for (let m = streams.exec(text); m; m = streams.exec(text)) {
    const raw = Buffer.from(m[1]!, 'latin1');
    let body: string;
    try {
      body = zlib.inflateSync(raw).toString('latin1');
    } catch {
      body = raw.toString('latin1');
    }
    if (body.includes('begincmap')) out.push(body.toLowerCase());
  }
  return out.join('\n');
}

describe('pdf', () => {
  it('renders Chinese text with the embedded Noto Sans SC subset, extractable through ToUnicode', async () => {
    const doc = createPdf({ info: { Title: '四保周报' } });
    doc.fontSize(18).font(CJK_FONT_BOLD).text('四保白名单企业运行周报');
    doc.font('NotoSansSC').fontSize(11).text('保生产经营、保物流畅通、保政策助力、保防疫安全。Weekly report 2026.');
    const pdf = await pdfToBuffer(doc);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdf.toString('latin1');
    // A subset of each font is embedded (TrueType outlines), named as such.
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Bold/);
    expect(text).toContain('/FontFile2');
    // The subset keeps the file small although each font file is ~10 MB.
    expect(pdf.length).toBeLessThan(200_000);
    const cmaps = toUnicodeMaps(pdf);
    for (const ch of '四保白名单周报防疫') expect(cmaps, ch).toContain(ch.codePointAt(0)!.toString(16).padStart(4, '0'));
  });

  it('each document is independent (fonts registered per document)', async () => {
    const [a, b] = await Promise.all([pdfToBuffer(createPdf().text('一')), pdfToBuffer(createPdf().text('二'))]);
    expect(toUnicodeMaps(a)).toContain('4e00');
    expect(toUnicodeMaps(b)).toContain('4e8c');
    expect(toUnicodeMaps(b)).not.toContain('4e00');
  });
});
