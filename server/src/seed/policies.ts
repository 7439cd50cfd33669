import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/index.js';
import type { Scope } from '../platform/scope.js';
import { PoliciesService, type PolicyInput } from '../modules/policies/service.js';
import { applyFor, decideUptake } from '../modules/policies/uptake.js';
import { decideClaim, fileClaim } from '../modules/policies/claims.js';
import { DEFAULT_BOOTH_RULE_PACK } from '../modules/policies/subsidy.js';
import { policies, policyMatches } from '../modules/policies/tables.js';
import { enterprises } from '../modules/whitelist/tables.js';
import { regionLookup } from './whitelist.js';

const SYSTEM = { id: null, name: 'seed', ip: null };
const PROVINCE: Scope = { kind: 'government', regionCode: '410000', regionCodes: null, sector: null };
const KF = '410200';
const LK = '410225';

type Seeded = PolicyInput & { key: string; publish: boolean | 'withdraw' };

/** A dozen policies of the documents and the national and provincial packages of 2022. */
const POLICIES: Seeded[] = [
  {
    key: 'vat-refund-2022', publish: true, regionCode: '410000', level: 'national', category: 'vat_refund', title: '扩大全额退还增值税留抵税额政策行业范围', issuingBody: '财政部 税务总局', documentNumber: '财政部 税务总局公告2022年第14号',
    validFrom: '2022-04-01', validTo: '2022-12-31', summary: '符合条件的制造业、批发零售业、交通运输业等行业企业，可按月向主管税务机关申请退还增量留抵税额，并一次性退还存量留抵税额。',
    howToApply: '通过电子税务局提交《退（抵）税申请表》', consultantName: '省税务局纳税服务处', consultantContact: '12366',
    rule: { field: 'sector', op: 'in', value: ['industry', 'commerce', 'transport'] }, benefit: { kind: 'none', text: '全额退还存量和增量留抵税额' },
  },
  {
    key: 'social-insurance-deferral-2022', publish: true, regionCode: '410000', level: 'national', category: 'social_insurance', title: '特困行业阶段性缓缴养老、失业、工伤保险费', issuingBody: '人力资源社会保障部 国家发展改革委 财政部 税务总局', documentNumber: '人社部发〔2022〕16号',
    validFrom: '2022-04-01', validTo: '2022-12-31', summary: '餐饮、零售、旅游、民航、公路水路铁路运输等特困行业企业可申请阶段性缓缴三项社会保险单位缴费部分，缓缴期间免收滞纳金。',
    howToApply: '向参保地社会保险经办机构申请', consultantName: '省社会保险中心', consultantContact: '0371-12333',
    rule: { field: 'sector', op: 'in', value: ['commerce', 'transport', 'culture_tourism'] }, benefit: { kind: 'none', text: '缓缴单位缴费部分，免收滞纳金' },
  },
  {
    key: 'job-retention-refund-2022', publish: true, regionCode: '410000', level: 'provincial', category: 'job_retention', title: '失业保险稳岗返还', issuingBody: '河南省人力资源和社会保障厅', documentNumber: '豫人社办〔2022〕37号',
    validFrom: '2022-01-01', validTo: '2022-12-31', summary: '上年度未裁员或裁员率不高于全国城镇调查失业率控制目标的参保企业，中小微企业按上年度实际缴纳失业保险费的90%返还，大型企业按50%返还（按人均测算）。',
    howToApply: '免申即享，经办机构直接返还', consultantName: '省就业促进中心', consultantContact: '0371-69690000',
    rule: { field: 'employees', op: 'gte', value: 10 }, benefit: { kind: 'formula', expr: { op: 'mul', args: [{ field: 'employees' }, { const: 18_000 }] }, capFen: 300_000_000 },
  },
  {
    key: 'retention-training-2022', publish: true, regionCode: '410000', level: 'national', category: 'job_retention', title: '一次性留工培训补助', issuingBody: '人力资源社会保障部办公厅 财政部办公厅', documentNumber: '人社厅发〔2022〕23号',
    validFrom: '2022-05-01', validTo: '2022-12-31', summary: '受疫情影响暂时无法正常生产经营的中高风险地区参保企业，按每名参保职工500元标准发放一次性留工培训补助。',
    howToApply: '免申即享', consultantName: '开封市就业中心', consultantContact: '0371-23888000',
    rule: { all: [{ field: 'sector', op: 'in', value: ['commerce', 'transport', 'culture_tourism'] }, { field: 'employees', op: 'gte', value: 1 }] }, benefit: { kind: 'formula', expr: { op: 'mul', args: [{ field: 'employees' }, { const: 50_000 }] } },
  },
  {
    key: 'sampling-booth-2022', publish: true, regionCode: '410000', level: 'provincial', category: 'fiscal_subsidy', title: '自行配置核酸采样屋购置补贴', issuingBody: '河南省常态化疫情防控下经济运行调度机制指挥部办公室', documentNumber: '“四保”白名单工作方案 六(二)',
    validFrom: '2022-06-01', validTo: '2022-12-31', summary: '鼓励用工1000人以上的白名单企业（项目）自行配置核酸采样屋，省与省辖市或县（市）财政按7:3比例给予50%的购置补贴。',
    howToApply: '在“采样屋补贴”中上传发票金额，经属地行业主管部门审核后拨付', consultantName: '省发展改革委经济运行处', consultantContact: '0371-69691234',
    rule: { field: 'employees', op: 'gte', value: 1000 }, benefit: { kind: 'none', text: '购置价格的50%（省:市县=7:3）' }, subsidy: DEFAULT_BOOTH_RULE_PACK,
  },
  {
    key: 'inclusive-credit-2022', publish: true, regionCode: '410000', level: 'provincial', category: 'credit', title: '白名单企业普惠小微贷款延期还本付息', issuingBody: '中国人民银行郑州中心支行', documentNumber: '郑银发〔2022〕78号',
    validFrom: '2022-05-01', validTo: '2022-12-31', summary: '对受疫情影响、暂时困难的白名单小微企业贷款，银行业金融机构按市场化原则延期还本付息，不下调贷款风险分类。',
    howToApply: '向贷款银行提出申请', consultantName: '人行郑州中心支行货币信贷处', consultantContact: '0371-69089000',
    rule: { all: [{ field: 'listed', op: 'is_true' }, { field: 'outputValueWan', op: 'lt', value: 5000 }] }, benefit: { kind: 'none', text: '延期还本付息至2022年底' },
  },
  {
    key: 'utilities-no-cutoff-2022', publish: true, regionCode: KF, level: 'city', category: 'utilities', title: '白名单企业用水用电用气“欠费不停供”', issuingBody: '开封市发展和改革委员会', documentNumber: '汴发改运行〔2022〕45号',
    validFrom: '2022-06-01', validTo: '2022-12-31', summary: '对白名单企业（项目）实施6个月内欠费不停供，缓缴期间免收欠费滞纳金。',
    howToApply: '向供水、供电、供气企业申请', consultantName: '市发展改革委经济运行科 王敏', consultantContact: '0371-23226655',
    rule: { field: 'listed', op: 'is_true' }, benefit: { kind: 'none', text: '6个月内欠费不停供，免收滞纳金' },
  },
  {
    key: 'logistics-toll-2022', publish: true, regionCode: KF, level: 'city', category: 'supply_price', title: '保通保畅物流企业运输补助', issuingBody: '开封市交通运输局', documentNumber: '汴交〔2022〕61号',
    validFrom: '2022-05-15', validTo: '2022-12-31', summary: '对纳入白名单的交通运输企业，按用工人数给予每人300元的一次性运输保障补助，单户最高20万元。',
    howToApply: '向市交通运输局提交申请表', consultantName: '市交通运输局运输科 李强', consultantContact: '0371-23558899',
    rule: { all: [{ field: 'sector', op: 'eq', value: 'transport' }, { field: 'listed', op: 'is_true' }] }, benefit: { kind: 'formula', expr: { op: 'mul', args: [{ field: 'employees' }, { const: 30_000 }] }, capFen: 20_000_000 },
  },
  {
    key: 'industry-output-award-2022', publish: true, regionCode: KF, level: 'city', category: 'fiscal_subsidy', title: '工业企业稳产满产奖励', issuingBody: '开封市工业和信息化局', documentNumber: '汴工信〔2022〕52号',
    validFrom: '2022-06-01', validTo: '2022-12-31', summary: '对总产值2000万元以上、闭环生产稳产满产的白名单工业企业，给予一次性奖励20万元。',
    howToApply: '向属地工信部门申报', consultantName: '市工信局运行科 张华', consultantContact: '0371-23221100',
    rule: { all: [{ field: 'sector', op: 'eq', value: 'industry' }, { field: 'listed', op: 'is_true' }, { field: 'outputValueWan', op: 'gte', value: 2000 }, { field: 'canRunClosedLoop', op: 'is_true' }] }, benefit: { kind: 'amount', amountFen: 20_000_000 },
  },
  {
    key: 'tourism-deposit-2022', publish: true, regionCode: '410000', level: 'provincial', category: 'tax_fee_reduction', title: '旅行社旅游服务质量保证金暂退', issuingBody: '河南省文化和旅游厅', documentNumber: '豫文旅市场〔2022〕12号',
    validFrom: '2022-04-15', validTo: '2023-03-31', summary: '对符合条件的旅行社暂退100%旅游服务质量保证金。',
    howToApply: '向文化和旅游主管部门提交暂退申请', consultantName: '省文旅厅市场管理处', consultantContact: '0371-65951234',
    rule: { field: 'sector', op: 'eq', value: 'culture_tourism' }, benefit: { kind: 'none', text: '暂退100%质量保证金' },
  },
  {
    key: 'lankao-key-project-2022', publish: true, regionCode: LK, level: 'county', category: 'fiscal_subsidy', title: '兰考县重点项目稳投资贷款贴息', issuingBody: '兰考县发展和改革委员会', documentNumber: '兰发改〔2022〕33号',
    validFrom: '2022-06-01', validTo: '2022-12-31', summary: '对县重点项目按投资额的0.5%给予贷款贴息，单个项目最高100万元。',
    howToApply: '向县发展改革委申报', consultantName: '县发改委 赵丽', consultantContact: '0371-26991234',
    rule: { field: 'sector', op: 'eq', value: 'key_project' }, benefit: { kind: 'formula', expr: { op: 'mul', args: [{ field: 'outputValueWan' }, { const: 5000 }] }, capFen: 100_000_000 },
  },
  {
    key: 'employment-expansion-2022', publish: 'withdraw', regionCode: KF, level: 'city', category: 'employment', title: '一次性扩岗补助（已撤回）', issuingBody: '开封市人力资源和社会保障局', documentNumber: '汴人社〔2022〕20号',
    validFrom: '2022-06-01', validTo: '2022-12-31', summary: '招用高校毕业生的企业按每人1500元给予一次性扩岗补助；已由省级政策替代，撤回。',
    howToApply: '向就业中心申报', consultantName: '市就业中心 孙伟', consultantContact: '0371-23880011',
    rule: { field: 'employees', op: 'gte', value: 50 }, benefit: { kind: 'amount', amountFen: 150_000 },
  },
  {
    key: 'labour-dispatch-draft-2022', publish: false, regionCode: KF, level: 'city', category: 'labour', title: '重点企业用工调剂服务（草案）', issuingBody: '开封市人力资源和社会保障局', documentNumber: null,
    validFrom: null, validTo: null, summary: '为用工500人以上的白名单企业提供用工调剂和共享用工对接服务。',
    howToApply: null, consultantName: '市人社局劳动关系科', consultantContact: '0371-23880022',
    rule: { all: [{ field: 'listed', op: 'is_true' }, { field: 'employees', op: 'gte', value: 500 }] }, benefit: { kind: 'none', text: '用工调剂对接服务' },
  },
];

/** Policies, their matches, uptake in every state and sampling-booth claims. Safe to run again. */
export async function seedPolicies(db: Db): Promise<void> {
  const svc = new PoliciesService(db, await regionLookup(db));
  const existing = new Set((await db.select({ key: policies.key }).from(policies)).map((p) => p.key));
  if (existing.size >= POLICIES.length) return;
  for (const { key, publish, ...input } of POLICIES) {
    if (existing.has(key)) continue;
    const p = await svc.create(PROVINCE, SYSTEM, input, key);
    if (publish) await svc.transition(PROVINCE, SYSTEM, p.id, 'publish');
    if (publish === 'withdraw') await svc.transition(PROVINCE, SYSTEM, p.id, 'withdraw');
  }

  // Uptake in every state for a few matches of each published policy (the first by code).
  const published = await db.select({ id: policies.id }).from(policies).where(eq(policies.status, 'published')).orderBy(asc(policies.key));
  for (const [i, p] of published.entries()) {
    const ms = await db.select().from(policyMatches).where(and(eq(policyMatches.policyId, p.id), eq(policyMatches.status, 'eligible'))).orderBy(asc(policyMatches.enterpriseId)).limit(6);
    const steps: ('applied' | 'approved' | 'rejected' | 'disbursed')[] = ['disbursed', 'approved', 'rejected', 'applied', 'disbursed'];
    for (const [j, m] of ms.slice(0, 5).entries()) {
      const ent: Scope = { kind: 'enterprise', enterpriseId: m.enterpriseId, regionCode: m.regionCode };
      await applyFor(svc, ent, SYSTEM, m.id, `SQ2022${String(i).padStart(2, '0')}${String(j).padStart(3, '0')}`);
      const step = steps[j]!;
      if (step === 'applied') continue;
      if (step === 'rejected') {
        await decideUptake(svc, PROVINCE, SYSTEM, m.id, 'reject', { note: '申报材料不全，请补充上年度社保缴费证明' });
        continue;
      }
      await decideUptake(svc, PROVINCE, SYSTEM, m.id, 'approve', { note: '审核通过' });
      if (step === 'disbursed') await decideUptake(svc, PROVINCE, SYSTEM, m.id, 'disburse', { amountFen: m.benefitFen ?? 5_000_000 });
    }
  }

  // Sampling-booth claims: ¥100,000 (the documents' example), odd amounts, in every state.
  const big = await db.select({ id: enterprises.id, regionCode: enterprises.regionCode }).from(enterprises).where(sql`${enterprises.employees} >= ${DEFAULT_BOOTH_RULE_PACK.minEmployees}`).orderBy(asc(enterprises.uscc)).limit(6);
  const prices = [10_000_000, 8_888_889, 12_345_677, 6_600_001, 9_999_999, 15_000_000];
  for (const [i, e] of big.entries()) {
    const ent: Scope = { kind: 'enterprise', enterpriseId: e.id, regionCode: e.regionCode };
    const c = await fileClaim(svc, ent, SYSTEM, e.id, { invoiceNumber: `FP2022${String(i + 1).padStart(6, '0')}`, invoiceDate: '2022-06-20', supplier: '河南华检医疗设备有限公司', priceFen: prices[i]! });
    // An approval needs the invoice: the demo's approved claims had theirs checked on paper (the
    // seed has no file store to hold a scan), the others are decided as if none were attached.
    if (i % 3 === 0) await decideClaim(svc, PROVINCE, SYSTEM, c.id, 'approve', '发票核验一致', 1);
    if (i % 3 === 1) await decideClaim(svc, PROVINCE, SYSTEM, c.id, 'reject', '发票抬头与企业名称不符', 0);
  }
  // One match that no longer qualifies after its enterprise shrank below the threshold: kept, marked.
  const booth = (await db.select({ id: policies.id }).from(policies).where(eq(policies.key, 'sampling-booth-2022')))[0];
  const claimed = new Set(big.map((b) => b.id));
  const candidates = booth ? await db.select({ enterpriseId: policyMatches.enterpriseId }).from(policyMatches).where(and(eq(policyMatches.policyId, booth.id), eq(policyMatches.status, 'eligible'))).orderBy(asc(policyMatches.enterpriseId)) : [];
  const shrink = candidates.find((c) => !claimed.has(c.enterpriseId));
  if (shrink) {
    await db.update(enterprises).set({ employees: DEFAULT_BOOTH_RULE_PACK.minEmployees - 10 }).where(eq(enterprises.id, shrink.enterpriseId));
    await svc.matchEnterprise(shrink.enterpriseId);
  }
}
