import { z } from 'zod';
import { sql, type SQL } from 'drizzle-orm';
import type { Catalogue, FieldRecord, RuleLang } from '../../platform/rules/index.js';

/**
 * The benefit of a policy, as data. An amount in fen, a rate in basis points of an amount, or a
 * formula: a small expression tree over the enterprise's number fields, never evaluated as code.
 * The same tree compiles to SQL (bulk matching) and evaluates in TypeScript (preview); either way
 * the result is rounded down to whole fen and never below zero.
 */
export type Expr = { const: number } | { field: string } | { op: 'add' | 'sub' | 'mul' | 'div' | 'min' | 'max'; args: Expr[] };
export type Benefit =
  | { kind: 'none'; text?: string | undefined }
  | { kind: 'amount'; amountFen: number; text?: string | undefined }
  | { kind: 'rate'; rateBp: number; base?: Expr | undefined; text?: string | undefined }
  | { kind: 'formula'; expr: Expr; capFen?: number | undefined; text?: string | undefined };

export const ExprSchema: z.ZodType<Expr> = z.lazy(() =>
  z.union([
    z.object({ const: z.number().finite().min(-1e12).max(1e12) }).strict(),
    z.object({ field: z.string().min(1).max(64) }).strict(),
    z.object({ op: z.enum(['add', 'sub', 'mul', 'div', 'min', 'max']), args: z.array(ExprSchema).min(2).max(10) }).strict(),
  ]),
).meta({ id: 'BenefitExpr' });

const Text = z.string().trim().max(200).optional();
export const BenefitSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('none'), text: Text }).strict(),
    z.object({ kind: z.literal('amount'), amountFen: z.number().int().min(0).max(1e13), text: Text }).strict(),
    z.object({ kind: z.literal('rate'), rateBp: z.number().int().min(0).max(10_000), base: ExprSchema.optional(), text: Text }).strict(),
    z.object({ kind: z.literal('formula'), expr: ExprSchema, capFen: z.number().int().min(0).max(1e13).optional(), text: Text }).strict(),
  ])
  .meta({ id: 'Benefit' });

/** Field names the expression uses that are not number fields of the catalogue; [] when valid. */
export function benefitIssues(b: Benefit, catalogue: Catalogue): { path: string; reason: string }[] {
  const walk = (x: Expr, path: string): { path: string; reason: string }[] => {
    if ('const' in x) return [];
    if ('field' in x) return catalogue[x.field]?.type === 'number' ? [] : [{ path: `${path}.field`, reason: `not a number field: ${x.field}` }];
    return x.args.flatMap((a, i) => walk(a, `${path}.args.${i}`));
  };
  if (b.kind === 'formula') return walk(b.expr, 'expr');
  if (b.kind === 'rate' && b.base) return walk(b.base, 'base');
  return [];
}

function exprSql(x: Expr, catalogue: Catalogue): SQL {
  if ('const' in x) return sql`${x.const}::numeric`;
  if ('field' in x) return sql`(${catalogue[x.field]!.sql})::numeric`;
  const args = x.args.map((a) => exprSql(a, catalogue));
  switch (x.op) {
    case 'add':
      return sql`(${sql.join(args, sql` + `)})`;
    case 'sub':
      return sql`(${sql.join(args, sql` - `)})`;
    case 'mul':
      return sql`(${sql.join(args, sql` * `)})`;
    case 'div':
      return args.slice(1).reduce((acc, d) => sql`(${acc} / nullif(${d}, 0))`, args[0]!);
    case 'min':
      return sql`least(${sql.join(args, sql`, `)})`;
    case 'max':
      return sql`greatest(${sql.join(args, sql`, `)})`;
  }
}

/** The benefit in fen as one SQL expression (NULL where there is no amount to compute). */
export function benefitSql(b: Benefit, catalogue: Catalogue): SQL {
  switch (b.kind) {
    case 'none':
      return sql`null::bigint`;
    case 'amount':
      return sql`${b.amountFen}::bigint`;
    case 'rate':
      return b.base ? sql`greatest(floor(${exprSql(b.base, catalogue)} * ${b.rateBp} / 10000), 0)::bigint` : sql`null::bigint`;
    case 'formula': {
      const v = sql`greatest(floor(${exprSql(b.expr, catalogue)}), 0)`;
      return b.capFen === undefined ? sql`${v}::bigint` : sql`least(${v}, ${b.capFen})::bigint`;
    }
  }
}

function exprValue(x: Expr, r: FieldRecord): number | null {
  if ('const' in x) return x.const;
  if ('field' in x) {
    const v = r[x.field];
    return typeof v === 'number' ? v : null;
  }
  const vs = x.args.map((a) => exprValue(a, r));
  if (vs.some((v) => v === null)) return null;
  const ns = vs as number[];
  switch (x.op) {
    case 'add':
      return ns.reduce((a, b) => a + b);
    case 'sub':
      return ns.reduce((a, b) => a - b);
    case 'mul':
      return ns.reduce((a, b) => a * b);
    case 'div':
      return ns.slice(1).reduce<number | null>((a, b) => (a === null || b === 0 ? null : a / b), ns[0]!);
    case 'min':
      return Math.min(...ns);
    case 'max':
      return Math.max(...ns);
  }
}

/** The benefit in fen for one enterprise, as benefitSql computes it. */
export function benefitFor(b: Benefit, r: FieldRecord): number | null {
  switch (b.kind) {
    case 'none':
      return null;
    case 'amount':
      return b.amountFen;
    case 'rate': {
      const base = b.base ? exprValue(b.base, r) : null;
      return base === null ? null : Math.max(Math.floor((base * b.rateBp) / 10_000), 0);
    }
    case 'formula': {
      const v = exprValue(b.expr, r);
      if (v === null) return null;
      const fen = Math.max(Math.floor(v), 0);
      return b.capFen === undefined ? fen : Math.min(fen, b.capFen);
    }
  }
}

function exprText(x: Expr, catalogue: Catalogue, lang: RuleLang): string {
  if ('const' in x) return String(x.const);
  if ('field' in x) {
    const d = catalogue[x.field];
    return d ? (lang === 'en-US' ? d.label.en : d.label.zh) : x.field;
  }
  const parts = x.args.map((a) => exprText(a, catalogue, lang));
  const sym = { add: ' + ', sub: ' − ', mul: ' × ', div: ' ÷ ' } as const;
  if (x.op === 'min' || x.op === 'max') return `${lang === 'en-US' ? x.op : x.op === 'min' ? '较小值' : '较大值'}(${parts.join(', ')})`;
  return `(${parts.join(sym[x.op])})`;
}

export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100).toLocaleString('en-US')}.${String(a % 100).padStart(2, '0')}`;
}

/** The benefit in words, for lists and the plain-words echo of the editor. */
export function describeBenefit(b: Benefit, catalogue: Catalogue, lang: RuleLang = 'zh-CN'): string {
  const en = lang === 'en-US';
  if (b.text) return b.text;
  switch (b.kind) {
    case 'none':
      return en ? 'See the policy text' : '详见政策原文';
    case 'amount':
      return en ? `¥${yuan(b.amountFen)}` : `${yuan(b.amountFen)}元`;
    case 'rate': {
      const pct = `${b.rateBp / 100}%`;
      return b.base ? (en ? `${pct} of ${exprText(b.base, catalogue, lang)} (fen)` : `${exprText(b.base, catalogue, lang)}（分）的${pct}`) : pct;
    }
    case 'formula': {
      const f = `${exprText(b.expr, catalogue, lang)}${en ? ' fen' : '分'}`;
      return b.capFen === undefined ? f : en ? `${f}, at most ¥${yuan(b.capFen)}` : `${f}，最高${yuan(b.capFen)}元`;
    }
  }
}
