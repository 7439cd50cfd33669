import { z } from 'zod';
import { maskPhone, type FieldCrypto } from '../../platform/crypto.js';
import { actionsFor, type Party } from './states.js';
import { DEMAND_CATEGORIES, DEMAND_STATES, LEVELS, UNIT_TYPES, URGENCIES } from './tables.js';
import type { DemandRow } from './service.js';
import type { RegionInfo } from './units.js';

export const RegionCode = z.string().regex(/^\d{6}$/);
const Iso = z.string().nullable();

export const DemandSchema = z
  .object({
    id: z.string(),
    no: z.number(),
    enterpriseId: z.string(),
    enterpriseName: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    category: z.enum(DEMAND_CATEGORIES),
    urgency: z.enum(URGENCIES),
    complex: z.boolean(),
    title: z.string(),
    description: z.string(),
    contactName: z.string(),
    /** Masked; the parties read it in clear through reveal-contact (audited). */
    contactPhone: z.string(),
    contactRevealable: z.boolean(),
    state: z.enum(DEMAND_STATES),
    level: z.enum(LEVELS),
    holderRegionCode: z.string(),
    holderName: z.string(),
    unitType: z.enum(UNIT_TYPES).nullable(),
    unitId: z.string().nullable(),
    unitLabel: z.string().nullable(),
    dispatchDeadline: Iso,
    answerDeadline: Iso,
    /** The running clock's deadline has passed. */
    overdue: z.boolean(),
    overdueSince: Iso,
    escalated: z.boolean(),
    handedDown: z.boolean(),
    major: z.boolean(),
    answer: z.string().nullable(),
    rating: z.number().nullable(),
    solved: z.boolean().nullable(),
    revisitComment: z.string().nullable(),
    commonIssueId: z.string().nullable(),
    createdAt: z.string(),
    dispatchedAt: Iso,
    answeredAt: Iso,
    closedAt: Iso,
    actions: z.array(z.string()),
  })
  .meta({ id: 'Demand' });
export type DemandView = z.infer<typeof DemandSchema>;

export const EventSchema = z
  .object({ id: z.string(), action: z.string(), fromState: z.string().nullable(), toState: z.string().nullable(), level: z.string().nullable(), note: z.string().nullable(), detail: z.unknown(), actorName: z.string().nullable(), at: z.string() })
  .meta({ id: 'DemandEvent' });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The running clock's deadline, if it has passed at `now`. */
export function overdueAt(d: DemandRow, now: Date): Date | null {
  const deadline = d.state === 'received' || d.state === 'sent_back' ? d.dispatchDeadline : d.state === 'dispatched' || d.state === 'accepted' || d.state === 'in_progress' ? d.answerDeadline : null;
  return deadline && deadline.getTime() < now.getTime() ? deadline : null;
}

/** The masked number, as stored at write time (older rows: worked out from the encrypted one). */
export function maskedPhoneOf(crypto: FieldCrypto, d: Pick<DemandRow, 'contactPhoneMasked' | 'contactPhoneEnc'>): string {
  return d.contactPhoneMasked ?? maskPhone(crypto.decrypt(d.contactPhoneEnc));
}

/** One demand as the API shows it: the number masked from its column, so a page decrypts nothing. */
export function demandView(regions: RegionInfo, crypto: FieldCrypto, d: DemandRow, parties: Party[], now = new Date()): DemandView {
  return {
    id: d.id,
    no: d.no,
    enterpriseId: d.enterpriseId,
    enterpriseName: d.enterpriseName,
    regionCode: d.regionCode,
    regionName: regions.name(d.regionCode),
    category: d.category,
    urgency: d.urgency,
    complex: d.complex,
    title: d.title,
    description: d.description,
    contactName: d.contactName,
    contactPhone: maskedPhoneOf(crypto, d),
    // The parties need the number to call back: they may read it in clear, each read audited.
    contactRevealable: parties.length > 0,
    state: d.state,
    level: d.level,
    holderRegionCode: d.holderRegionCode,
    holderName: d.level === 'leadership' ? '省指挥部领导' : regions.name(d.holderRegionCode),
    unitType: d.unitType,
    unitId: d.unitId,
    unitLabel: d.unitLabel,
    dispatchDeadline: iso(d.dispatchDeadline),
    answerDeadline: iso(d.answerDeadline),
    overdue: overdueAt(d, now) !== null,
    overdueSince: iso(d.overdueSince ?? overdueAt(d, now)),
    escalated: d.escalated,
    handedDown: d.handedDown,
    major: d.major,
    answer: d.answer,
    rating: d.rating,
    solved: d.solved,
    revisitComment: d.revisitComment,
    commonIssueId: d.commonIssueId,
    createdAt: d.createdAt.toISOString(),
    dispatchedAt: iso(d.dispatchedAt),
    answeredAt: iso(d.answeredAt),
    closedAt: iso(d.closedAt),
    actions: actionsFor(d.state, parties).filter((a) => (a !== 'hand_down' || d.level === 'leadership' || d.holderRegionCode !== d.regionCode) && (a !== 'escalate' || d.level !== 'leadership')),
  };
}
