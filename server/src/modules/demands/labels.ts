import type { DemandCategory, DemandState, Urgency } from './tables.js';

/** Chinese names for exports and notifications (the web app has its own i18n files). */
export const CATEGORY_ZH: Record<DemandCategory, string> = {
  raw_materials: '原材料',
  labour: '用工',
  logistics: '物流运输',
  market: '市场销售',
  policy: '政策咨询',
  prevention_supplies: '防疫物资',
  other: '其他',
};
export const URGENCY_ZH: Record<Urgency, string> = { normal: '一般', urgent: '紧急', public_health: '涉及公共卫生' };
export const STATE_ZH: Record<DemandState, string> = {
  received: '待交办',
  dispatched: '已交办',
  accepted: '已签收',
  sent_back: '已退回',
  in_progress: '办理中',
  answered: '已答复',
  revisited: '已回访',
  verified: '已核实',
  closed: '已销号',
};
