import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import { errors } from '../../platform/errors.js';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import { policyEnterprises } from '../whitelist/policy-view.js';
import type { Attachment } from '../../platform/files/index.js';
import type { PoliciesService } from './service.js';
import type { InvoiceFile } from './views.js';
import { nextClaim, type ClaimAction } from './states.js';
import { boothShares, DEFAULT_BOOTH_RULE_PACK, RulePackSchema, type RulePack } from './subsidy.js';
import { boothClaims, policies, type ClaimStatus } from './tables.js';

export type ClaimRow = typeof boothClaims.$inferSelect;

/** The published sampling-booth policy that applies to a region (nearest first), with its rule pack. */
export async function boothPolicyFor(svc: PoliciesService, regionCode: string): Promise<{ id: string; title: string; pack: RulePack } | null> {
  const chain = svc.regions.ancestors(regionCode);
  const rows = await svc.db.select({ id: policies.id, title: policies.title, regionCode: policies.regionCode, subsidy: policies.subsidy }).from(policies).where(and(eq(policies.status, 'published'), sql`${policies.subsidy} is not null`));
  const hit = rows.filter((r) => chain.includes(r.regionCode)).sort((a, b) => chain.indexOf(a.regionCode) - chain.indexOf(b.regionCode))[0];
  return hit ? { id: hit.id, title: hit.title, pack: RulePackSchema.parse(hit.subsidy ?? DEFAULT_BOOTH_RULE_PACK) } : null;
}

/** Invoices are attachments (platform/files) of this owner type, keyed by the claim id. */
export const INVOICE_OWNER = 'booth_claim';

/** An invoice is a PDF or a scan or photo of one. */
export function isInvoiceType(contentType: string): boolean {
  const t = contentType.split(';')[0]!.trim().toLowerCase();
  return t === 'application/pdf' || /^image\/(png|jpeg|gif|webp|bmp|tiff)$/.test(t);
}

export function invoiceView(a: Attachment): InvoiceFile {
  return { id: a.id, name: a.name, contentType: a.contentType, size: a.size, createdAt: a.createdAt.toISOString() };
}

/** A claim the caller may see (its enterprise, or a department over its region): 404 otherwise. */
export async function visibleClaim(svc: PoliciesService, scope: Scope, id: string): Promise<ClaimRow> {
  const c = (await svc.db.select().from(boothClaims).where(scopeWhere(scope, boothClaims, eq(boothClaims.id, id))))[0];
  if (!c) throw errors.notFound('booth_claim');
  return c;
}

export interface ClaimInput {
  invoiceNumber: string;
  invoiceDate: string;
  supplier: string;
  priceFen: number;
}

/**
 * An enterprise files its booth purchase. Both shares are computed and fixed now, with the rule
 * pack used; the same invoice filed twice is stored once.
 */
export async function fileClaim(svc: PoliciesService, scope: Scope, actor: AuditActor, enterpriseId: string, input: ClaimInput): Promise<ClaimRow> {
  const ent = (await policyEnterprises(svc.db, scope, [enterpriseId]))[0];
  if (!ent) throw errors.notFound('enterprise');
  const policy = await boothPolicyFor(svc, ent.regionCode);
  if (!policy) throw errors.of(409, 'policies.no_booth_policy');
  const employees = Number(ent.record.employees ?? 0);
  if (employees < policy.pack.minEmployees) throw errors.of(409, 'policies.booth_not_eligible', { min: String(policy.pack.minEmployees) });
  const shares = boothShares(input.priceFen, policy.pack);
  return svc.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(boothClaims)
      .values({ policyId: policy.id, enterpriseId: ent.id, regionCode: ent.regionCode, sector: ent.sector, invoiceNumber: input.invoiceNumber, invoiceDate: input.invoiceDate, supplier: input.supplier, ...shares, rulePack: policy.pack })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      const existing = (await tx.select().from(boothClaims).where(and(eq(boothClaims.enterpriseId, ent.id), eq(boothClaims.invoiceNumber, input.invoiceNumber))))[0]!;
      if (existing.priceFen !== input.priceFen) throw errors.conflict('body.invoiceNumber');
      return existing;
    }
    await recordAudit(tx, actor, { action: 'policies.booth_claim.file', targetType: 'booth_claim', targetId: row.id, regionCode: row.regionCode, detail: { ...shares, invoiceNumber: input.invoiceNumber } });
    return row;
  });
}

/** The error id an approval is refused with while the claim has no invoice file attached. */
export const INVOICE_MISSING = 'policies.booth_invoice_missing';

/**
 * Why a decision the caller could otherwise take is refused now: the enterprise "files the
 * purchase with the invoice amount", so filing may come first and the invoice after, but a claim
 * is approved only with its invoice attached. Rejecting needs no invoice.
 */
export function claimBlockers(c: Pick<ClaimRow, 'status'>, invoices: number): { action: ClaimAction; code: string }[] {
  return c.status === 'submitted' && invoices === 0 ? [{ action: 'approve', code: INVOICE_MISSING }] : [];
}

export async function decideClaim(svc: PoliciesService, scope: Scope, actor: AuditActor, id: string, action: ClaimAction, note: string | null, invoices: number): Promise<ClaimRow> {
  if (action === 'reject' && !note) throw errors.validation('body.note', 'a rejection needs a reason');
  if (scope.kind !== 'government') throw errors.notFound('booth_claim');
  const row = await svc.db.transaction(async (tx) => {
    const c = (await tx.select().from(boothClaims).where(scopeWhere(scope, boothClaims, eq(boothClaims.id, id))).for('update'))[0];
    if (!c) throw errors.notFound('booth_claim');
    const to = nextClaim(action, c.status);
    const blocked = claimBlockers(c, invoices).find((b) => b.action === action);
    if (blocked) throw errors.of(409, blocked.code, { invoiceNumber: c.invoiceNumber });
    const [saved] = await tx.update(boothClaims).set({ status: to, decisionNote: note, decidedBy: actor.name, decidedAt: new Date() }).where(eq(boothClaims.id, c.id)).returning();
    await recordAudit(tx, actor, { action: `policies.booth_claim.${action}`, targetType: 'booth_claim', targetId: c.id, regionCode: c.regionCode, detail: { from: c.status, to, note } });
    return saved!;
  });
  // Whether it bought a booth is an eligibility fact of other policies.
  await svc.matchEnterprise(row.enterpriseId);
  return row;
}

export function claimWhere(svc: PoliciesService, scope: Scope, f: { status?: ClaimStatus | undefined; regionCode?: string | undefined }): SQL {
  return scopeWhere(scope, boothClaims, and(f.status ? eq(boothClaims.status, f.status) : undefined, f.regionCode ? sql`${boothClaims.regionCode} in (${sql.join(svc.regions.subtree(f.regionCode).map((c) => sql`${c}`), sql`, `)})` : undefined));
}

export interface PayerTotals {
  regionCode: string;
  claims: number;
  priceFen: number;
  subsidyFen: number;
  provinceFen: number;
  localFen: number;
}

/** Approved claims' totals per region: what the province and each city or county owe. */
export async function payerTotals(svc: PoliciesService, scope: Scope, f: { regionCode?: string | undefined }): Promise<PayerTotals[]> {
  const rows = await svc.db
    .select({
      regionCode: boothClaims.regionCode,
      claims: sql<number>`count(*)::int`,
      priceFen: sql<string>`sum(${boothClaims.priceFen})::text`,
      subsidyFen: sql<string>`sum(${boothClaims.subsidyFen})::text`,
      provinceFen: sql<string>`sum(${boothClaims.provinceFen})::text`,
      localFen: sql<string>`sum(${boothClaims.localFen})::text`,
    })
    .from(boothClaims)
    .where(claimWhere(svc, scope, { ...f, status: 'approved' }))
    .groupBy(boothClaims.regionCode)
    .orderBy(asc(boothClaims.regionCode));
  return rows.map((r) => ({ regionCode: r.regionCode, claims: Number(r.claims), priceFen: Number(r.priceFen), subsidyFen: Number(r.subsidyFen), provinceFen: Number(r.provinceFen), localFen: Number(r.localFen) }));
}
