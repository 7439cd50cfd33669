import { z } from 'zod';
import { sql, type SQL } from 'drizzle-orm';

/**
 * A small generic rule engine: a rule tree over named fields of a record. It knows no module:
 * the caller supplies the field catalogue (types, labels and the SQL expression per field).
 * The same rule is evaluated in memory (with per-condition results for a person to read),
 * described in words, and compiled to one SQL condition for matching many rows at once.
 */
export type FieldType = 'number' | 'boolean' | 'enum' | 'text';
export type RuleLang = 'zh-CN' | 'en-US';
export const OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'between', 'is_true', 'is_false'] as const;
export type Op = (typeof OPS)[number];
export type Value = number | string | boolean;

export interface FieldDef {
  type: FieldType;
  label: { zh: string; en: string };
  unit?: { zh: string; en: string };
  /** For enum fields: the allowed values and their labels. */
  options?: readonly { value: string; zh: string; en: string }[];
  /** The column or SQL expression the field compiles to. */
  sql: SQL;
  /**
   * For a number field that is an integer column divided by a power of ten (or the column
   * itself, scale 1): that column and the divisor. A comparison with whole numbers then compiles
   * to integer comparisons on the column (value × scale), exactly equal to the numeric one and
   * without a numeric conversion per row and rule, which dominated bulk matching.
   */
  integer?: { sql: SQL; scale: number };
}
export type Catalogue = Readonly<Record<string, FieldDef>>;

export interface Condition {
  field: string;
  op: Op;
  value?: Value | Value[] | undefined;
}
export type Rule = { all: Rule[] } | { any: Rule[] } | { not: Rule } | Condition;
export type FieldRecord = Readonly<Record<string, Value | null | undefined>>;

const ScalarValue = z.union([z.number(), z.string().max(200), z.boolean()]);
/** The structure of a rule; validateRule then checks it against a catalogue. */
export const RuleSchema: z.ZodType<Rule> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(RuleSchema).min(1).max(50) }).strict(),
    z.object({ any: z.array(RuleSchema).min(1).max(50) }).strict(),
    z.object({ not: RuleSchema }).strict(),
    z.object({ field: z.string().min(1).max(64), op: z.enum(OPS), value: z.union([ScalarValue, z.array(ScalarValue).min(1).max(100)]).optional() }).strict(),
  ]),
).meta({ id: 'Rule' });

const OPS_BY_TYPE: Record<FieldType, readonly Op[]> = {
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'between'],
  boolean: ['is_true', 'is_false'],
  enum: ['eq', 'ne', 'in'],
  text: ['eq', 'ne', 'in'],
};
export function opsFor(type: FieldType): readonly Op[] {
  return OPS_BY_TYPE[type];
}

export interface RuleIssue {
  path: string;
  reason: string;
}

function isCondition(r: Rule): r is Condition {
  return 'field' in r;
}

/** Checks fields, operators and value types against the catalogue; [] when the rule is valid. */
export function validateRule(rule: Rule, catalogue: Catalogue, path = ''): RuleIssue[] {
  const at = (p: string) => (path ? `${path}.${p}` : p);
  if ('all' in rule) return rule.all.flatMap((r, i) => validateRule(r, catalogue, at(`all.${i}`)));
  if ('any' in rule) return rule.any.flatMap((r, i) => validateRule(r, catalogue, at(`any.${i}`)));
  if ('not' in rule) return validateRule(rule.not, catalogue, at('not'));
  const def = Object.hasOwn(catalogue, rule.field) ? catalogue[rule.field] : undefined;
  if (!def) return [{ path: at('field'), reason: `unknown field ${rule.field}` }];
  if (!OPS_BY_TYPE[def.type].includes(rule.op)) return [{ path: at('op'), reason: `operator ${rule.op} does not apply to a ${def.type} field` }];
  const v = rule.value;
  const scalarOk = (x: Value) => {
    if (def.type === 'number') return typeof x === 'number' && Number.isFinite(x);
    if (def.type === 'enum') return typeof x === 'string' && (def.options ?? []).some((o) => o.value === x);
    return typeof x === 'string';
  };
  const bad = (reason: string) => [{ path: at('value'), reason }];
  if (rule.op === 'is_true' || rule.op === 'is_false') return v === undefined ? [] : bad('no value expected');
  if (rule.op === 'in') return Array.isArray(v) && v.length > 0 && v.every(scalarOk) ? [] : bad(`a list of ${def.type} values expected`);
  if (rule.op === 'between') {
    return Array.isArray(v) && v.length === 2 && v.every(scalarOk) && (v[0] as number) <= (v[1] as number) ? [] : bad('two numbers [min, max] expected');
  }
  return v !== undefined && !Array.isArray(v) && scalarOk(v) ? [] : bad(`a ${def.type} value expected`);
}

/** zod schema for a rule valid against the catalogue (structure and fields). */
export function ruleSchemaFor(catalogue: Catalogue): z.ZodType<Rule> {
  return RuleSchema.superRefine((rule, ctx) => {
    for (const issue of validateRule(rule, catalogue)) ctx.addIssue({ code: 'custom', message: issue.reason, path: issue.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) });
  });
}

export interface ConditionResult {
  /** Dotted path of the condition in the tree, e.g. "all.1". */
  path: string;
  field: string;
  label: string;
  op: Op;
  expected: Value | Value[] | null;
  actual: Value | null;
  passed: boolean;
  /** The condition in words. */
  text: string;
}
export interface Evaluation {
  passed: boolean;
  conditions: ConditionResult[];
}

function leafPasses(c: Condition, actual: Value | null | undefined): boolean {
  if (actual === null || actual === undefined) return false;
  const v = c.value;
  switch (c.op) {
    case 'is_true':
      return actual === true;
    case 'is_false':
      return actual === false;
    case 'eq':
      return actual === v;
    case 'ne':
      return actual !== v;
    case 'gt':
      return (actual as number) > (v as number);
    case 'gte':
      return (actual as number) >= (v as number);
    case 'lt':
      return (actual as number) < (v as number);
    case 'lte':
      return (actual as number) <= (v as number);
    case 'in':
      return Array.isArray(v) && v.includes(actual);
    case 'between':
      return Array.isArray(v) && (actual as number) >= (v[0] as number) && (actual as number) <= (v[1] as number);
  }
}

/**
 * Evaluates a rule on one record. A missing (null) value fails its condition, whatever the
 * operator, as the SQL form does. Every leaf condition is reported, with actual and expected.
 */
export function evaluate(rule: Rule, record: FieldRecord, catalogue: Catalogue, lang: RuleLang = 'zh-CN'): Evaluation {
  const conditions: ConditionResult[] = [];
  const walk = (r: Rule, path: string): boolean => {
    const at = (p: string) => (path ? `${path}.${p}` : p);
    if ('all' in r) return r.all.map((x, i) => walk(x, at(`all.${i}`))).every(Boolean);
    if ('any' in r) return r.any.map((x, i) => walk(x, at(`any.${i}`))).some(Boolean);
    if ('not' in r) return !walk(r.not, at('not'));
    const def = catalogue[r.field];
    const actual = record[r.field] ?? null;
    const passed = leafPasses(r, actual);
    conditions.push({ path, field: r.field, label: def ? label(def, lang) : r.field, op: r.op, expected: r.value ?? null, actual, passed, text: describe(r, catalogue, lang) });
    return passed;
  };
  const passed = walk(rule, '');
  return { passed, conditions };
}

function label(def: FieldDef, lang: RuleLang) {
  return lang === 'en-US' ? def.label.en : def.label.zh;
}

function showValue(def: FieldDef | undefined, v: Value, lang: RuleLang): string {
  const opt = def?.options?.find((o) => o.value === v);
  if (opt) return lang === 'en-US' ? opt.en : opt.zh;
  const unit = def?.unit ? (lang === 'en-US' ? ` ${def.unit.en}` : def.unit.zh) : '';
  return `${String(v)}${unit}`;
}

const PHRASE: Record<Op, { zh: string; en: string }> = {
  eq: { zh: '为', en: 'is' },
  ne: { zh: '不为', en: 'is not' },
  gt: { zh: '大于', en: 'greater than' },
  gte: { zh: '不少于', en: 'at least' },
  lt: { zh: '小于', en: 'less than' },
  lte: { zh: '不超过', en: 'at most' },
  in: { zh: '属于', en: 'one of' },
  between: { zh: '介于', en: 'between' },
  is_true: { zh: '', en: '' },
  is_false: { zh: '', en: '' },
};

/** The rule in plain words: "行业为工业生产，且用工人数不少于1000人". */
export function describe(rule: Rule, catalogue: Catalogue, lang: RuleLang = 'zh-CN'): string {
  const en = lang === 'en-US';
  const inner = (r: Rule) => (isCondition(r) || 'not' in r ? describe(r, catalogue, lang) : `(${describe(r, catalogue, lang)})`);
  if ('all' in rule) return rule.all.map(inner).join(en ? ' and ' : '，且');
  if ('any' in rule) return rule.any.map(inner).join(en ? ' or ' : '，或');
  if ('not' in rule) return en ? `not ${inner(rule.not)}` : `并非${inner(rule.not)}`;
  const def = catalogue[rule.field];
  const name = def ? label(def, lang) : rule.field;
  if (rule.op === 'is_true') return en ? `${name}: yes` : name;
  if (rule.op === 'is_false') return en ? `${name}: no` : `无${name}`;
  const v = rule.value;
  const phrase = en ? PHRASE[rule.op].en : PHRASE[rule.op].zh;
  if (rule.op === 'between' && Array.isArray(v)) return en ? `${name} between ${showValue(def, v[0]!, lang)} and ${showValue(def, v[1]!, lang)}` : `${name}介于${showValue(def, v[0]!, lang)}至${showValue(def, v[1]!, lang)}之间`;
  const shown = Array.isArray(v) ? v.map((x) => showValue(def, x, lang)).join(en ? ', ' : '、') : v === undefined ? '' : showValue(def, v, lang);
  return en ? `${name} ${phrase} ${shown}` : `${name}${phrase}${shown}`;
}

/** The integer form of a number field for this value, when every operand is a whole number that stays exact once scaled. */
function integerForm(def: FieldDef, v: Condition['value']): { sql: SQL; scale: number } | null {
  if (!def.integer) return null;
  const scale = def.integer.scale;
  const values = Array.isArray(v) ? v : [v];
  return values.length > 0 && values.every((x) => typeof x === 'number' && Number.isInteger(x) && Number.isSafeInteger(x * scale)) ? def.integer : null;
}

/**
 * Compiles a rule to one SQL condition. Each leaf is coalesced to false, so a NULL value fails
 * its condition (also under "not"), exactly as evaluate() does.
 */
export function toSql(rule: Rule, catalogue: Catalogue): SQL {
  if ('all' in rule) return sql`(${sql.join(rule.all.map((r) => toSql(r, catalogue)), sql` and `)})`;
  if ('any' in rule) return sql`(${sql.join(rule.any.map((r) => toSql(r, catalogue)), sql` or `)})`;
  if ('not' in rule) return sql`(not ${toSql(rule.not, catalogue)})`;
  const def = catalogue[rule.field];
  if (!def) throw new Error(`unknown field ${rule.field}`);
  const v = rule.value;
  const int = def.type === 'number' ? integerForm(def, v) : null;
  const e = int ? int.sql : def.sql;
  const p = (x: Value) => (int ? sql`${Number(x) * int.scale}::bigint` : def.type === 'number' ? sql`${x}::numeric` : sql`${x}`);
  let cond: SQL;
  switch (rule.op) {
    case 'is_true':
      cond = sql`${e} = true`;
      break;
    case 'is_false':
      cond = sql`${e} = false`;
      break;
    case 'eq':
      cond = sql`${e} = ${p(v as Value)}`;
      break;
    case 'ne':
      cond = sql`${e} <> ${p(v as Value)}`;
      break;
    case 'gt':
      cond = sql`${e} > ${p(v as Value)}`;
      break;
    case 'gte':
      cond = sql`${e} >= ${p(v as Value)}`;
      break;
    case 'lt':
      cond = sql`${e} < ${p(v as Value)}`;
      break;
    case 'lte':
      cond = sql`${e} <= ${p(v as Value)}`;
      break;
    case 'in':
      cond = sql`${e} in (${sql.join((v as Value[]).map(p), sql`, `)})`;
      break;
    case 'between':
      cond = sql`${e} between ${p((v as Value[])[0]!)} and ${p((v as Value[])[1]!)}`;
      break;
  }
  return sql`coalesce(${cond}, false)`;
}

/** The catalogue as plain data for a client (no SQL). */
export function catalogueView(catalogue: Catalogue) {
  return Object.entries(catalogue).map(([name, d]) => ({ name, type: d.type, label: d.label, unit: d.unit ?? null, options: d.options ? [...d.options] : [], ops: [...OPS_BY_TYPE[d.type]] }));
}
