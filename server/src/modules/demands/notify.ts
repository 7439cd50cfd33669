import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Conn } from '../../platform/db/index.js';
import { roles, users } from '../../platform/auth/tables.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import type { DemandNotifier, DemandStep } from './events.js';
import { liaisonPairings, type demands } from './tables.js';

type DemandRow = typeof demands.$inferSelect;
type Audience = 'enterprise' | 'dispatchers' | 'unit' | 'liaisons';

/** Who hears of each step. Warnings and overdue go to whoever holds the running clock. */
function audienceOf(step: DemandStep, d: DemandRow): Audience[] {
  switch (step.action) {
    case 'file':
      return ['dispatchers', 'liaisons'];
    case 'escalate':
    case 'hand_down':
    case 'send_back':
    case 'revisit':
      return ['dispatchers'];
    case 'dispatch':
    case 'reopen':
      return ['unit'];
    case 'accept':
    case 'progress':
    case 'verify':
    case 'close':
      return ['enterprise'];
    case 'answer':
    case 'batch_answer':
      return ['enterprise', 'liaisons'];
    case 'warn':
      return d.unitId ? ['unit'] : ['dispatchers'];
    case 'overdue':
      return d.unitId ? ['unit', 'dispatchers'] : ['dispatchers'];
    default:
      return [];
  }
}

const TITLES: Record<string, { zh: string; en: string }> = {
  file: { zh: '新诉求待交办', en: 'New demand to dispatch' },
  escalate: { zh: '诉求上报待处理', en: 'Escalated demand to handle' },
  hand_down: { zh: '上级交回诉求待交办', en: 'Demand handed back down' },
  send_back: { zh: '诉求被责任单位退回', en: 'Demand sent back by the unit' },
  revisit: { zh: '诉求已回访，待核实销号', en: 'Demand revisited: verify and close' },
  dispatch: { zh: '新交办诉求待签收', en: 'Demand dispatched to your unit' },
  reopen: { zh: '企业回访未解决，请继续办理', en: 'Not solved: the demand is back with your unit' },
  accept: { zh: '您的诉求已签收办理', en: 'Your demand was accepted' },
  progress: { zh: '您的诉求有新进展', en: 'Progress on your demand' },
  verify: { zh: '您的诉求已核实', en: 'Your demand was verified' },
  close: { zh: '您的诉求已销号', en: 'Your demand was closed' },
  answer: { zh: '您的诉求已答复，请回访评价', en: 'Your demand was answered: please rate it' },
  batch_answer: { zh: '您的诉求已按共性问题答复，请回访评价', en: 'Your demand was answered as a common issue: please rate it' },
  warn: { zh: '诉求即将超时', en: 'Demand deadline approaching' },
  overdue: { zh: '诉求已超时', en: 'Demand overdue' },
};

/**
 * Notifications of each step through the plumbing's NotificationService. Recipients are read in
 * the step's own transaction (on PGlite a query on another connection would wait for it).
 */
export class DemandNotifications implements DemandNotifier {
  constructor(private readonly service: NotificationService) {}

  async onStep(conn: Conn, d: DemandRow, step: DemandStep): Promise<void> {
    const ids = new Set<string>();
    for (const a of audienceOf(step, d)) for (const id of await recipients(conn, d, a)) ids.add(id);
    const title = TITLES[step.action];
    if (!title || ids.size === 0) return;
    const deadline = (d.unitId ? d.answerDeadline : d.dispatchDeadline)?.toISOString() ?? '';
    await this.service.notify(conn, {
      userIds: [...ids],
      kind: `demand.${step.action}`,
      title,
      body: { zh: `#${d.no} ${d.enterpriseName}：${d.title}`, en: `#${d.no} ${d.enterpriseName}: ${d.title}` },
      link: `/demands/${d.id}`,
      ref: { type: 'demand', id: d.id },
      // A clock warns once per deadline, however often a timer or the sweep runs.
      ...(step.action === 'warn' || step.action === 'overdue' ? { dedupeKey: `demand:${d.id}:${step.action}:${deadline}` } : {}),
    });
  }
}

async function recipients(conn: Conn, d: DemandRow, a: Audience): Promise<string[]> {
  const perm = (p: string) => sql`${roles.permissions} @> ${JSON.stringify([p])}::jsonb`;
  let cond: SQL | undefined;
  switch (a) {
    case 'enterprise':
      cond = and(eq(users.enterpriseId, d.enterpriseId), perm('demands.file'));
      break;
    case 'dispatchers':
      cond = and(eq(users.regionCode, d.holderRegionCode), perm('demands.dispatch'));
      break;
    case 'unit':
      if (!d.unitId) return [];
      cond =
        d.unitType === 'department'
          ? and(eq(users.departmentId, d.unitId), perm('demands.handle'))
          : d.unitType === 'task_force'
            ? and(eq(users.taskForceId, d.unitId), perm('demands.handle'))
            : and(eq(users.regionCode, d.unitRegionCode ?? ''), perm('demands.dispatch'));
      break;
    case 'liaisons':
      cond = and(inArray(users.id, sql`(select ${liaisonPairings.userId} from ${liaisonPairings} where ${liaisonPairings.enterpriseId} = ${d.enterpriseId})`), perm('demands.liaison'));
      break;
  }
  const rows = await conn.select({ id: users.id }).from(users).innerJoin(roles, eq(roles.code, users.role)).where(and(eq(users.disabled, false), cond));
  return rows.map((r) => r.id);
}
