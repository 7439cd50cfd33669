import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/**
 * PDFs with Chinese text. pdfkit's built-in fonts have no CJK glyphs, so Noto Sans SC (SIL Open
 * Font License, from the @expo-google-fonts/noto-sans-sc package) is registered and made the
 * default. pdfkit embeds only the glyphs a document uses, so a page of text stays small.
 */
export const CJK_FONT = 'NotoSansSC';
export const CJK_FONT_BOLD = 'NotoSansSC-Bold';

const require = createRequire(import.meta.url);
const fontDir = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
const FONT_FILES = {
  [CJK_FONT]: path.join(fontDir, '400Regular', 'NotoSansSC_400Regular.ttf'),
  [CJK_FONT_BOLD]: path.join(fontDir, '700Bold', 'NotoSansSC_700Bold.ttf'),
} as const;

// Read once per process: each font file is about 10 MB.
const fontCache = new Map<string, Buffer>();
function fontBytes(name: keyof typeof FONT_FILES): Buffer {
  let buf = fontCache.get(name);
  if (!buf) {
    buf = fs.readFileSync(FONT_FILES[name]);
    fontCache.set(name, buf);
  }
  return buf;
}

export type PdfOptions = PDFKit.PDFDocumentOptions;

/** A new A4 document whose default font (`CJK_FONT`, bold: `CJK_FONT_BOLD`) renders Chinese. */
export function createPdf(opts: PdfOptions = {}): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size: 'A4', margin: 56, bufferPages: true, ...opts });
  doc.registerFont(CJK_FONT, fontBytes(CJK_FONT));
  doc.registerFont(CJK_FONT_BOLD, fontBytes(CJK_FONT_BOLD));
  doc.font(CJK_FONT);
  return doc;
}

/** Ends the document and resolves with its bytes. */
export function pdfToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
