import { z } from 'zod';
import type { FieldCrypto } from '../../platform/crypto.js';
import { maskPhone } from '../../platform/crypto.js';
import type { SessionUser } from '../../platform/auth/service.js';
import { listingActions } from './states.js';
import type { ApplicationRow, EnterpriseRow, RegionLookup } from './service.js';
import { APPLICATION_STATUSES, ENTERPRISE_KINDS, LISTING_STATUSES, SECTORS, SERVICE_TIERS, TAX_CREDIT_RATINGS } from './tables.js';

export const SectorEnum = z.enum(SECTORS);
export const RegionCode = z.string().regex(/^\d{6}$/);
export const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s), 'not a calendar date');

export const ConditionResultSchema = z.object({
  path: z.string(),
  field: z.string(),
  label: z.string(),
  op: z.string(),
  expected: z.unknown(),
  actual: z.unknown(),
  passed: z.boolean(),
  text: z.string(),
});
export const EvaluationSchema = z.object({ passed: z.boolean(), conditions: z.array(ConditionResultSchema) });

export const EnterpriseSchema = z
  .object({
    id: z.string(),
    uscc: z.string(),
    name: z.string(),
    kind: z.enum(ENTERPRISE_KINDS),
    sector: SectorEnum,
    cityOperationSupport: z.boolean(),
    regionCode: z.string(),
    regionName: z.string(),
    legalRepresentative: z.string(),
    contactName: z.string().nullable(),
    contactPhoneMasked: z.string().nullable(),
    employees: z.number(),
    outputValueFen: z.number(),
    dormitoryCapacity: z.number(),
    closedLoopCapacity: z.number(),
    hasPreventionPlan: z.boolean(),
    hasTaskForce: z.boolean(),
    competentDepartment: z.string().nullable(),
    liaisonCadres: z.string().nullable(),
    pairedMedicalInstitution: z.string().nullable(),
    preventionStaff: z.number(),
    taxCreditRating: z.enum(TAX_CREDIT_RATINGS).nullable(),
    taxArrears: z.boolean(),
    serviceTier: z.enum(SERVICE_TIERS).nullable(),
    listingStatus: z.enum(LISTING_STATUSES),
    applicationStatus: z.enum(APPLICATION_STATUSES).nullable(),
    profileVersion: z.number(),
    updatedAt: z.string(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'WhitelistEnterprise' });
export type EnterpriseView = z.infer<typeof EnterpriseSchema>;

export const ApplicationSchema = z
  .object({
    id: z.string(),
    enterpriseId: z.string(),
    enterpriseName: z.string(),
    uscc: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    sector: SectorEnum,
    status: z.enum(APPLICATION_STATUSES),
    checkPassed: z.boolean(),
    checkResult: EvaluationSchema.nullable(),
    priority: z.boolean(),
    statement: z.string().nullable(),
    decisionReason: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    submittedAt: z.string(),
    round: z.number(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'WhitelistApplication' });

export function enterpriseActions(session: SessionUser, e: Pick<EnterpriseRow, 'listingStatus'>): string[] {
  const p = session.role.permissions;
  const out: string[] = [];
  if (p.includes('whitelist.remove')) out.push(...listingActions(e.listingStatus));
  if (p.includes('whitelist.review')) out.push('spot_check', 'set_tier');
  if (p.includes('whitelist.import')) out.push('set_tax_status');
  return out;
}

export function enterpriseView(regions: RegionLookup, crypto: FieldCrypto, session: SessionUser, e: EnterpriseRow, app: ApplicationRow | null | undefined): EnterpriseView {
  return {
    id: e.id, uscc: e.uscc, name: e.name, kind: e.kind, sector: e.sector, cityOperationSupport: e.cityOperationSupport,
    regionCode: e.regionCode, regionName: regions.name(e.regionCode), legalRepresentative: e.legalRepresentative,
    contactName: e.contactName, contactPhoneMasked: e.contactPhoneEnc ? maskPhone(crypto.decrypt(e.contactPhoneEnc)) : null,
    employees: e.employees, outputValueFen: e.outputValueFen, dormitoryCapacity: e.dormitoryCapacity, closedLoopCapacity: e.closedLoopCapacity,
    hasPreventionPlan: e.hasPreventionPlan, hasTaskForce: e.hasTaskForce, competentDepartment: e.competentDepartment, liaisonCadres: e.liaisonCadres,
    pairedMedicalInstitution: e.pairedMedicalInstitution, preventionStaff: e.preventionStaff, taxCreditRating: e.taxCreditRating, taxArrears: e.taxArrears, serviceTier: e.serviceTier, listingStatus: e.listingStatus,
    applicationStatus: app?.status ?? null, profileVersion: e.profileVersion, updatedAt: e.updatedAt.toISOString(),
    actions: enterpriseActions(session, e),
  };
}

export function applicationView(regions: RegionLookup, session: SessionUser, a: ApplicationRow, ent: { name: string; uscc: string }): z.infer<typeof ApplicationSchema> {
  const canReview = session.role.permissions.includes('whitelist.review') && a.status === 'pending_review';
  return {
    id: a.id, enterpriseId: a.enterpriseId, enterpriseName: ent.name, uscc: ent.uscc, regionCode: a.regionCode, regionName: regions.name(a.regionCode),
    sector: a.sector, status: a.status, checkPassed: a.checkPassed, checkResult: (a.checkResult as z.infer<typeof EvaluationSchema> | null) ?? null,
    priority: a.priority, statement: a.statement, decisionReason: a.decisionReason, decidedBy: a.decidedBy, decidedAt: a.decidedAt?.toISOString() ?? null,
    submittedAt: a.submittedAt.toISOString(), round: a.round, actions: canReview ? ['approve', 'reject'] : [],
  };
}
