/** Messages of the suspected-case, supplies and retention pages (防疫：疑似病例处置、物资与留观房间、个人信息保存期限). */
export const preventionCareZhCN = {
  state: { flagged: '已发现', under_observation: '留观待复检', quiet_period: '静默期', returned: '已返岗', confirmed: '复核阳性（已移交）' },
  action: { flag: '登记', observe: '转入留观点', retest_negative: '复检阴性', retest_positive: '复检阳性', daily_negative: '静默期检测阴性', daily_positive: '静默期检测阳性', return_to_post: '返岗' },
  cases: {
    title: '疑似病例处置', intro: '发现发热、咳嗽等可疑症状或初筛阳性人员：转入临时留观点或观察宿舍，{{retest}} 小时内完成单采复核；复核阴性的进入静默期（每天 1 检，{{days}} 天）后返岗；复核阳性的移交属地疫情防控部门处置。',
    flag: '登记疑似人员', employee: '员工', employeeSearch: '按姓名查找名册人员', reason: '情况（症状、初筛结果）', flagged: '已登记',
    open: '处置中', closed: '已结束', overdueOnly: '仅看复检超时', state: '状态', point: '留观点', flaggedAt: '发现时间', retestDue: '复检时限', overdue: '已超时',
    quiet: '静默期检测', quietProgress: '{{done}}/{{days}} 天', detail: '详情', back: '返回列表', timeline: '处置记录', healthHidden: '健康信息仅防疫专班可见', maskedNote: '企业用户看到的姓名已脱敏。',
    chooseAction: '处置', note: '备注', pickPoint: '选择留观点', rooms: '空余 {{free}}/{{rooms}} 间', confirmIrreversible: '此操作不可撤销，确定？', done: '已处理', closedAt: '结束时间', lastTest: '最近检测',
    by: '{{name}}', observedAt: '转入留观时间',
  },
  supplies: {
    title: '防疫物资与留观房间', tabSupplies: '物资库存', tabPoints: '留观点', tabRollup: '汇总',
    item: '物资', unit: '单位', quantity: '库存', safetyStock: '安全库存', low: '低于安全库存', lowOnly: '仅看库存不足', updatedAt: '更新时间', updatedBy: '更新人',
    add: '登记物资', edit: '修改库存', remove: '删除', deleteConfirm: '删除该物资条目？', deleted: '已删除', search: '按物资名称查询', enterprise: '企业',
    pointName: '留观点名称', rooms: '房间数', occupied: '在用', free: '空余', addPoint: '新建留观点', note: '说明',
    rollupBy: { region: '按地区', enterprise: '按企业' }, enterprises: '企业数', items: '物资条目', lowItems: '库存不足条目', points: '留观点', label: '对象',
    presets: '口罩、N95 口罩、抗原检测试剂、核酸采样管、消毒液、防护服、额温枪',
  },
  retention: {
    title: '个人信息保存期限（个人信息保护法）', intro: '场所扫码、核酸结果、报备与健康报告等追踪数据保存 {{days}} 天后由每日任务删除或匿名化；企业移出白名单 {{grace}} 天后删除其员工名册。',
    lastRun: '最近一次清理', never: '尚未运行', target: '数据', action: '处理方式', count: '最近一次处理条数', delete: '删除', anonymise: '匿名化',
    quietPeriodDays: '疑似病例静默期（天）', rosterGraceDays: '移出白名单后名册保留（天）',
  },
  alertRetest: '疑似人员复检超时',
};
