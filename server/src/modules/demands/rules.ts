import type { Urgency } from './tables.js';

/**
 * The rule pack: values a government may change. Defaults are the work plan's (八(二)):
 * dispatch within 1 hour for urgent and public-health demands, 24 hours otherwise; answer
 * within 24 hours when urgent, 3 working days normally, 10 working days when complex.
 * A command may override any of them (demand_settings.rules); the rest stay as here.
 */
export interface Duration {
  hours?: number;
  workingDays?: number;
}
export interface DemandRules {
  dispatch: Record<Urgency, Duration>;
  answer: { urgent: Duration; normal: Duration; complex: Duration };
  /** The warning goes out when this share of a clock has elapsed. */
  warnAt: number;
  /** Duplicate detection: same enterprise and category, text at least this similar, within the window. */
  duplicateWindowDays: number;
  duplicateSimilarity: number;
  /** Common-issue candidates: at least this similar to the text. */
  commonSimilarity: number;
}

export const DEFAULT_RULES: DemandRules = {
  dispatch: { urgent: { hours: 1 }, public_health: { hours: 1 }, normal: { hours: 24 } },
  answer: { urgent: { hours: 24 }, normal: { workingDays: 3 }, complex: { workingDays: 10 } },
  warnAt: 0.75,
  duplicateWindowDays: 30,
  duplicateSimilarity: 0.6,
  commonSimilarity: 0.3,
};

/** Overrides stored by a command, laid over the defaults field by field. */
export function mergeRules(over: Partial<DemandRules> | null | undefined): DemandRules {
  if (!over) return DEFAULT_RULES;
  return {
    ...DEFAULT_RULES,
    ...over,
    dispatch: { ...DEFAULT_RULES.dispatch, ...(over.dispatch ?? {}) },
    answer: { ...DEFAULT_RULES.answer, ...(over.answer ?? {}) },
  };
}

/** 2022 public holidays and make-up working days (国务院办公厅关于2022年部分节假日安排的通知). */
export const HOLIDAYS_2022: { day: string; kind: 'holiday' | 'workday'; name: string }[] = [
  ...range('2022-01-01', 3, '元旦'),
  { day: '2022-01-29', kind: 'workday', name: '春节调休上班' },
  { day: '2022-01-30', kind: 'workday', name: '春节调休上班' },
  ...range('2022-01-31', 7, '春节'),
  { day: '2022-04-02', kind: 'workday', name: '清明节调休上班' },
  ...range('2022-04-03', 3, '清明节'),
  { day: '2022-04-24', kind: 'workday', name: '劳动节调休上班' },
  ...range('2022-04-30', 5, '劳动节'),
  { day: '2022-05-07', kind: 'workday', name: '劳动节调休上班' },
  ...range('2022-06-03', 3, '端午节'),
  ...range('2022-09-10', 3, '中秋节'),
  ...range('2022-10-01', 7, '国庆节'),
  { day: '2022-10-08', kind: 'workday', name: '国庆节调休上班' },
  { day: '2022-10-09', kind: 'workday', name: '国庆节调休上班' },
];

function range(first: string, n: number, name: string) {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => ({ day: new Date(start + i * 86_400_000).toISOString().slice(0, 10), kind: 'holiday' as const, name }));
}

/** The calendar exceptions: date (YYYY-MM-DD, Asia/Shanghai) → holiday or make-up workday. */
export type Calendar = ReadonlyMap<string, 'holiday' | 'workday'>;

const SHANGHAI_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

function shanghaiDay(ms: number): string {
  return new Date(ms + SHANGHAI_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(day: string, cal: Calendar): boolean {
  const kind = cal.get(day);
  if (kind) return kind === 'workday';
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * The deadline `d` after `start`. Hours are plain clock hours. Working days count the next n
 * working days in Asia/Shanghai: the deadline is the same time of day on the n-th working day
 * after the start (a demand filed on Friday 15:00 with 3 working days is due Wednesday 15:00).
 */
export function deadlineAfter(start: Date, d: Duration, cal: Calendar): Date {
  if (d.workingDays === undefined) return new Date(start.getTime() + (d.hours ?? 0) * 3600_000);
  let ms = start.getTime();
  let left = d.workingDays;
  while (left > 0) {
    ms += DAY_MS;
    if (isWorkingDay(shanghaiDay(ms), cal)) left--;
  }
  return new Date(ms + (d.hours ?? 0) * 3600_000);
}

/** When the warning of a clock from `start` to `deadline` is due. */
export function warningAt(start: Date, deadline: Date, rules: DemandRules): Date {
  return new Date(start.getTime() + (deadline.getTime() - start.getTime()) * rules.warnAt);
}

/** The answer clock of a demand: urgent (and public-health) first, then complex, else normal. */
export function answerDuration(urgency: Urgency, complex: boolean, rules: DemandRules): Duration {
  if (urgency !== 'normal') return rules.answer.urgent;
  return complex ? rules.answer.complex : rules.answer.normal;
}

/** Character bigrams of a text without spaces and punctuation (Chinese has no word breaks). */
export function bigrams(text: string): Set<string> {
  const clean = text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
  const out = new Set<string>();
  for (let i = 0; i < clean.length - 1; i++) out.add(clean.slice(i, i + 2));
  if (clean.length === 1) out.add(clean);
  return out;
}

/** Dice coefficient of the bigram sets: 1 for the same text, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 && y.size === 0) return 1;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return (2 * common) / (x.size + y.size);
}
