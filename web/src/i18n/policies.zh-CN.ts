/** Messages of the policies module (政策找企、应享尽享、核酸采样屋补贴). */
const pol = {
  category: { vat_refund: '增值税留抵退税', tax_fee_reduction: '减税降费', fiscal_subsidy: '财政补贴', credit: '金融信贷', supply_price: '保供稳价', social_insurance: '社会保险', job_retention: '稳岗', employment: '就业创业', labour: '劳动用工', utilities: '水电气' },
  level: { national: '国家级', provincial: '省级', city: '市级', county: '县级' },
  status: { draft: '草稿', published: '已发布', withdrawn: '已撤回' },
  uptake: { eligible: '符合条件（待申请）', applied: '已申请', approved: '已审批', rejected: '未通过', disbursed: '已兑现' },
  claimStatus: { submitted: '待审核', approved: '已审核通过', rejected: '已驳回' },
  sector: { industry: '工业生产', commerce: '商贸流通', transport: '交通运输', culture_tourism: '文化旅游', key_project: '重点项目' },
  field: {
    title: '政策名称', issuingBody: '发布单位', level: '层级', documentNumber: '文号', category: '类别', region: '适用地区', validity: '有效期', validFrom: '生效日期', validTo: '截止日期',
    summary: '政策摘要', fullText: '政策原文', howToApply: '申请方式', consultant: '政策咨询员', consultantName: '咨询员姓名', consultantContact: '联系方式', status: '状态', version: '版本',
    rule: '享受条件', benefit: '支持内容', updatedAt: '更新时间', publishedAt: '发布时间', enterprise: '企业名称', uscc: '统一社会信用代码', policy: '政策', benefitYuan: '测算金额（元）',
    applicationRef: '申请编号', disbursedYuan: '兑现金额（元）', matchedAt: '匹配时间', qualifies: '仍符合条件', createdBy: '修订人',
  },
  list: { search: '搜索政策名称、文号、摘要', create: '新建政策', heading: '惠企政策清单', hint: '全面公示惠企专项政策清单，企业可在“我的政策”中查看匹配到的政策。' },
  detail: { versions: '条件版本', publish: '发布并匹配企业', withdraw: '撤回', edit: '编辑', confirmPublish: '发布后将立即按条件匹配全部企业并推送，确定发布？', confirmWithdraw: '撤回后企业将不再收到该政策，已有兑现记录保留。确定撤回？', published: '已发布，正在匹配企业', withdrawn: '已撤回', revisedNote: '已发布政策修改享受条件或支持内容将生成新版本并重新匹配。' },
  editor: {
    heading: '编辑政策', newHeading: '新建政策', basics: '基本信息', ruleCard: '享受条件（规则）', words: '条件原文：', benefitCard: '支持内容', previewCard: '对企业试算',
    benefitKind: { none: '不测算金额（文字说明）', amount: '固定金额', rate: '比例', formula: '按字段计算' }, amountYuan: '金额（元）', rateBp: '比例（‰‱，万分之）', benefitText: '文字说明（可选）',
    formulaField: '计算字段', formulaFactor: '每单位金额（元）', capYuan: '最高（元，可选）', complexFormula: '该政策使用复合公式，如需修改请重新设置。', subsidy: '采样屋补贴规则包', subsidyEnabled: '此政策为核酸采样屋补贴',
    minEmployees: '用工人数不少于', shareBp: '补贴比例（万分之）', provinceParts: '省级份数', localParts: '市县份数', pickEnterprise: '选择企业（输入名称或代码检索）', tryIt: '试算',
    passed: '符合', failed: '不符合', actual: '企业实际', result: '试算结果', saved: '已保存', saveDraft: '保存',
  },
  mine: { heading: '我的政策', hint: '以下政策根据贵单位信息自动匹配（政策找企），请按申请方式办理后登记申请编号。', apply: '登记已申请', reference: '申请编号', applied: '已登记', lapsed: '已不再符合条件', empty: '暂无匹配的政策' },
  uptakePage: {
    heading: '应享尽享', byRegion: '按地区', byCategory: '按类别', byPolicy: '按政策', bySector: '按行业', eligible: '符合条件', notified: '已推送', applied: '已申请', approved: '已审批', disbursed: '已兑现',
    benefitYuan: '测算金额（元）', disbursedYuan: '兑现金额（元）', follow: '跟踪台账', notApplied: '只看符合未申请', exportNotApplied: '导出“符合未申请”清单', approve: '审批通过', reject: '不予通过', disburse: '登记兑现',
    note: '意见', amountYuan: '兑现金额（元）', confirmApprove: '确认审批通过？', includeLapsed: '含已不符合的', rate: '申请率',
  },
  claims: {
    noInvoice: '未上传发票', invoiceMissing: '企业尚未上传发票，上传后方可审核通过', invoiceFile: '发票', chooseInvoice: '选择发票文件（PDF或图片）', invoiceRequired: '请上传发票', attach: '补传发票',
    heading: '核酸采样屋补贴', myHeading: '采样屋补贴申请', file: '提交补贴申请', invoiceNumber: '发票号码', invoiceDate: '开票日期', supplier: '销售方', priceYuan: '购置价格（元）',
    subsidyYuan: '补贴金额（元）', provinceYuan: '省级承担（元）', localYuan: '市县承担（元）', quoteHint: '按规则：补贴为购置价格的{{share}}%，省与市县按{{p}}:{{l}}分担（补贴向下取整到分，省级部分四舍五入到分，市县部分为余额）。',
    approve: '审核通过', reject: '驳回', note: '审核意见', totals: '按出资方汇总（已审核通过）', claims: '笔数', total: '合计', confirmFile: '确认提交？提交后补贴金额按当前规则固定。', filed: '已提交',
  },
};
export default pol;
