import { z } from 'zod';
import { describe, RuleSchema, type Rule, type RuleLang } from '../../platform/rules/index.js';
import type { SessionUser } from '../../platform/auth/service.js';
import { scopeCoversRegion, type Scope } from '../../platform/scope.js';
import { BenefitSchema, describeBenefit, type Benefit } from './benefit.js';
import { POLICY_FIELDS } from './catalogue.js';
import type { PolicyRow, VersionRow } from './service.js';
import { CLAIM_ACTIONS, claimActions, policyActions, uptakeActions } from './states.js';
import { RulePackSchema } from './subsidy.js';
import { claimBlockers, type ClaimRow } from './claims.js';
import type { MatchRow } from './uptake.js';
import { CLAIM_STATUSES, POLICY_CATEGORIES, POLICY_LEVELS, POLICY_STATUSES, UPTAKE_STATUSES } from './tables.js';

export const RegionCode = z.string().regex(/^\d{6}$/);
export const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s), 'not a calendar date');
const Str = (max: number) => z.string().trim().min(1).max(max);
const OptStr = (max: number) => z.string().trim().max(max).nullable().optional();

export const PolicyBody = z.object({
  regionCode: RegionCode,
  title: Str(200),
  issuingBody: Str(100),
  level: z.enum(POLICY_LEVELS),
  documentNumber: OptStr(100),
  category: z.enum(POLICY_CATEGORIES),
  validFrom: DateText.nullable().optional(),
  validTo: DateText.nullable().optional(),
  summary: Str(2000),
  fullText: OptStr(50_000),
  howToApply: OptStr(2000),
  consultantName: OptStr(50),
  consultantContact: OptStr(100),
  rule: RuleSchema,
  benefit: BenefitSchema,
  subsidy: RulePackSchema.nullable().optional(),
});

export const PolicySchema = z
  .object({
    id: z.string(), regionCode: z.string(), regionName: z.string(), title: z.string(), issuingBody: z.string(), level: z.enum(POLICY_LEVELS), documentNumber: z.string().nullable(),
    category: z.enum(POLICY_CATEGORIES), validFrom: z.string().nullable(), validTo: z.string().nullable(), summary: z.string(), fullText: z.string().nullable(), howToApply: z.string().nullable(),
    consultantName: z.string().nullable(), consultantContact: z.string().nullable(), status: z.enum(POLICY_STATUSES), version: z.number(), rule: z.unknown(), benefit: z.unknown(),
    ruleText: z.string(), benefitText: z.string(), subsidy: RulePackSchema.nullable(), publishedAt: z.string().nullable(), updatedBy: z.string().nullable(), updatedAt: z.string(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'Policy' });
export type PolicyView = z.infer<typeof PolicySchema>;

export const VersionSchema = z.object({ version: z.number(), rule: z.unknown(), benefit: z.unknown(), ruleText: z.string(), benefitText: z.string(), createdBy: z.string().nullable(), createdAt: z.string() }).meta({ id: 'PolicyVersion' });

export function canManage(session: SessionUser, scope: Scope, p: Pick<PolicyRow, 'regionCode'>): boolean {
  return session.role.permissions.includes('policies.manage') && scope.kind === 'government' && scopeCoversRegion(scope, p.regionCode);
}

export function policyView(regionName: (c: string) => string, session: SessionUser, scope: Scope, p: PolicyRow, v: Pick<VersionRow, 'rule' | 'benefit'>, lang: RuleLang): PolicyView {
  return {
    id: p.id, regionCode: p.regionCode, regionName: regionName(p.regionCode), title: p.title, issuingBody: p.issuingBody, level: p.level, documentNumber: p.documentNumber, category: p.category,
    validFrom: p.validFrom, validTo: p.validTo, summary: p.summary, fullText: p.fullText, howToApply: p.howToApply, consultantName: p.consultantName, consultantContact: p.consultantContact,
    status: p.status, version: p.version, rule: v.rule, benefit: v.benefit, ruleText: describe(v.rule as Rule, POLICY_FIELDS, lang), benefitText: describeBenefit(v.benefit as Benefit, POLICY_FIELDS, lang),
    subsidy: p.subsidy ? RulePackSchema.parse(p.subsidy) : null, publishedAt: p.publishedAt?.toISOString() ?? null, updatedBy: p.updatedBy, updatedAt: p.updatedAt.toISOString(),
    actions: canManage(session, scope, p) ? [...policyActions(p.status).map((a) => (a === 'revise' || a === 'update' ? 'edit' : a)), 'preview'] : [],
  };
}

export const MatchSchema = z
  .object({
    id: z.string(), policyId: z.string(), policyTitle: z.string(), category: z.enum(POLICY_CATEGORIES), enterpriseId: z.string(), enterpriseName: z.string(), uscc: z.string(),
    regionCode: z.string(), regionName: z.string(), sector: z.string(), policyVersion: z.number(), qualifies: z.boolean(), benefitFen: z.number().nullable(), status: z.enum(UPTAKE_STATUSES),
    applicationRef: z.string().nullable(), appliedAt: z.string().nullable(), decisionNote: z.string().nullable(), decidedBy: z.string().nullable(), decidedAt: z.string().nullable(),
    disbursedFen: z.number().nullable(), disbursedAt: z.string().nullable(), matchedAt: z.string(), notifiedAt: z.string().nullable(), lapsedAt: z.string().nullable(), actions: z.array(z.string()),
  })
  .meta({ id: 'PolicyMatch' });
export type MatchView = z.infer<typeof MatchSchema>;

export function matchView(regionName: (c: string) => string, session: SessionUser, m: MatchRow, p: { title: string; category: (typeof POLICY_CATEGORIES)[number] }, e: { name: string; uscc: string }): MatchView {
  const own = session.user.enterpriseId === m.enterpriseId;
  const canDecide = session.role.permissions.includes('policies.manage') && session.user.enterpriseId === null;
  const actions = uptakeActions(m.status).filter((a) => (a === 'apply' ? own && m.qualifies : canDecide));
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: m.id, policyId: m.policyId, policyTitle: p.title, category: p.category, enterpriseId: m.enterpriseId, enterpriseName: e.name, uscc: e.uscc, regionCode: m.regionCode, regionName: regionName(m.regionCode),
    sector: m.sector, policyVersion: m.policyVersion, qualifies: m.qualifies, benefitFen: m.benefitFen, status: m.status, applicationRef: m.applicationRef, appliedAt: iso(m.appliedAt),
    decisionNote: m.decisionNote, decidedBy: m.decidedBy, decidedAt: iso(m.decidedAt), disbursedFen: m.disbursedFen, disbursedAt: iso(m.disbursedAt), matchedAt: m.matchedAt.toISOString(),
    notifiedAt: iso(m.notifiedAt), lapsedAt: iso(m.lapsedAt), actions,
  };
}

export const InvoiceFileSchema = z.object({ id: z.string(), name: z.string(), contentType: z.string(), size: z.number(), createdAt: z.string() }).meta({ id: 'BoothClaimInvoice' });
export type InvoiceFile = z.infer<typeof InvoiceFileSchema>;

export const ClaimSchema = z
  .object({
    id: z.string(), policyId: z.string(), enterpriseId: z.string(), enterpriseName: z.string(), regionCode: z.string(), regionName: z.string(), invoiceNumber: z.string(), invoiceDate: z.string(),
    supplier: z.string(), priceFen: z.number(), subsidyFen: z.number(), provinceFen: z.number(), localFen: z.number(), rulePack: RulePackSchema, status: z.enum(CLAIM_STATUSES),
    decisionNote: z.string().nullable(), decidedBy: z.string().nullable(), decidedAt: z.string().nullable(), createdAt: z.string(), actions: z.array(z.string()),
    /** Decisions the caller could take but that are refused now, each with the error id it would answer (approve: no invoice yet). */
    blocked: z.array(z.object({ action: z.enum(CLAIM_ACTIONS), code: z.string() })),
    /** The invoice files the enterprise attached (PDF or image), oldest first. */
    invoices: z.array(InvoiceFileSchema),
  })
  .meta({ id: 'BoothClaim' });

export function claimView(regionName: (c: string) => string, session: SessionUser, c: ClaimRow, enterpriseName: string, invoices: InvoiceFile[] = []): z.infer<typeof ClaimSchema> {
  const canDecide = session.role.permissions.includes('policies.subsidy') && session.user.enterpriseId === null;
  const blocked = canDecide ? claimBlockers(c, invoices.length) : [];
  return {
    id: c.id, policyId: c.policyId, enterpriseId: c.enterpriseId, enterpriseName, regionCode: c.regionCode, regionName: regionName(c.regionCode), invoiceNumber: c.invoiceNumber, invoiceDate: c.invoiceDate,
    supplier: c.supplier, priceFen: c.priceFen, subsidyFen: c.subsidyFen, provinceFen: c.provinceFen, localFen: c.localFen, rulePack: RulePackSchema.parse(c.rulePack), status: c.status,
    decisionNote: c.decisionNote, decidedBy: c.decidedBy, decidedAt: c.decidedAt?.toISOString() ?? null, createdAt: c.createdAt.toISOString(), actions: canDecide ? claimActions(c.status).filter((a) => !blocked.some((b) => b.action === a)) : [],
    blocked, invoices,
  };
}

export const EvaluationSchema = z
  .object({
    passed: z.boolean(),
    conditions: z.array(z.object({ path: z.string(), field: z.string(), label: z.string(), op: z.string(), expected: z.unknown(), actual: z.unknown(), passed: z.boolean(), text: z.string() })),
  })
  .meta({ id: 'PolicyEvaluation' });
