import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import type { AlertService } from './alerts.js';
import { preventionDrugPurchases, preventionTracedPersons, type DrugClass } from './tracing.tables.js';

const CLASS_ZH: Record<DrugClass, string> = { fever: '退热', cough: '止咳', antiviral: '抗病毒', antibiotic: '抗菌素' };
const BATCH = 500;

/**
 * Sweep step: a "drug purchase" sentinel alert for each purchase of the four classes not yet alerted,
 * once per purchase (dedupe key), to the region's prevention staff and, when the buyer is on a roster,
 * to that enterprise. The purchase is marked afterwards; a crash in between re-raises nothing (dedupe).
 */
export function drugPurchaseStep(db: Db, alerts: AlertService) {
  return async (now: Date): Promise<number> => {
    let raised = 0;
    for (;;) {
      const batch = await db
        .select({ p: preventionDrugPurchases, masked: preventionTracedPersons.idCardMasked })
        .from(preventionDrugPurchases)
        .leftJoin(preventionTracedPersons, eq(preventionTracedPersons.personHash, preventionDrugPurchases.personHash))
        .where(eq(preventionDrugPurchases.alerted, false))
        .limit(BATCH);
      if (!batch.length) return raised;
      const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
      const inserted = await alerts.raiseRows(
        batch.map(({ p, masked }) => ({
          kind: 'drug_purchase' as const,
          dedupeKey: `drug_purchase:${p.purchaseId}`,
          enterpriseId: p.enterpriseId,
          regionCode: p.regionCode,
          detail: { day, purchaseId: p.purchaseId, drugClass: p.drugClass, pharmacy: p.pharmacy, purchasedAt: p.purchasedAt.toISOString(), idCardMasked: masked ?? '' },
          raisedAt: now,
        })),
        (a) => ({
          title: { zh: `电子哨预警：购买${CLASS_ZH[a.detail.drugClass as DrugClass] ?? ''}类药品`, en: `Sentinel alert: purchase of ${a.detail.drugClass ?? ''} drugs` },
          body: { zh: `${a.detail.idCardMasked ?? ''} 于 ${a.detail.pharmacy ?? ''} 购买${CLASS_ZH[a.detail.drugClass as DrugClass] ?? ''}类药品，请及时核查并安排核酸检测。`, en: `${a.detail.idCardMasked ?? ''} bought ${a.detail.drugClass ?? ''} drugs at ${a.detail.pharmacy ?? ''}: check and arrange a PCR test.` },
        }),
      );
      raised += inserted.length;
      await db.update(preventionDrugPurchases).set({ alerted: true }).where(inArray(preventionDrugPurchases.purchaseId, batch.map((b) => b.p.purchaseId)));
    }
  };
}
