/** Messages of the prevention pages (防疫信息). */
export const preventionZhCN = {
  postKind: { regular: '普通岗位', mobile_contact: '流动及接触岗位', city_supply: '城市保供人员' },
  status: { active: '在岗', on_leave: '休假', isolated: '隔离', left: '离职' },
  compliance: { compliant: '合规', due_soon: '即将到期', overdue: '超期未检' },
  unitKind: { workshop: '车间', office: '办公区', warehouse: '仓库', dormitory: '宿舍', logistics: '物流', other: '其他' },
  field: {
    enterprise: '企业', region: '地区', name: '姓名', idCard: '身份证号', phone: '手机号', post: '岗位', postKind: '岗位类别',
    unit: '闭环单元', dormitory: '宿舍', status: '状态', lastNegative: '最近阴性采样', interval: '检测间隔', dueAt: '下次应检', compliance: '核酸合规',
  },
  hours: '{{h}} 小时',
  roster: {
    title: '员工名册', search: '按姓名查询', add: '登记员工', addUnit: '新建闭环单元', unitName: '单元名称', unitKind: '单元类型',
    import: '导入名册', template: '下载模板', importTitle: '导入结果', rows: '总行数', created: '新增', existing: '已存在', unitsCreated: '新建单元', rejected: '被拒绝', row: '行号', reason: '原因', allLoaded: '全部行已导入',
    reveal: '查看完整信息', revealTitle: '查看完整身份证号与手机号', revealPurpose: '查询事由', revealHint: '查看完整个人信息将记入审计日志，请如实填写事由。', revealed: '完整信息（已留痕）',
    created1: '已登记', edit: '调整', saved: '已保存', masked: '证件号与手机号已脱敏显示，SM4 加密存储。',
    govNote: '防疫专班可查看辖区内企业名册与核酸合规情况；名册由企业自行维护。',
  },
  ingest: {
    title: '核酸结果导入', intro: '上传检测机构提供的 CSV 或 JSON Lines 文件（列：sample_id 样本编号、id_card 身份证号、sampled_at 采样时间、result 检测结果、institution 检测机构）。同一文件重复上传不会重复入库；样本编号相同的结果只保存一次。',
    upload: '上传结果文件', lastRun: '本次导入', replayed: '该文件已导入过，以下为原导入结果', runs: '导入记录', source: '来源', sourceApi: '接口推送', sourceUpload: '网页上传',
    rowsTotal: '总行数', merged: '新入库', duplicates: '重复样本', rejected: '被拒绝', statusLabel: '状态', startedAt: '开始时间', file: '文件', rejects: '下载被拒行',
    runStatus: { running: '进行中', completed: '已完成', failed: '失败' },
    keys: '检测机构接口密钥', keysIntro: '检测机构与省平台通过接口推送结果：POST /api/prevention/machine/test-results，请求头 Authorization: Bearer 密钥，内容类型 text/csv 或 application/x-ndjson。',
    newKey: '新建密钥', keyName: '机构名称', keyShown: '请立即复制保存，密钥只显示一次：', revoke: '吊销', revokeConfirm: '吊销后该机构将无法再推送结果，确定吊销？', revoked: '已吊销', prefix: '密钥前缀', lastUsed: '最近使用', createdAt: '创建时间',
  },
  comp: {
    title: '核酸检测合规', groupBy: '统计维度', by: { enterprise: '按企业', unit: '按闭环单元', region: '按地区' }, group: '对象', total: '人数', rate: '合规率',
    trend: '近 {{days}} 天合规率趋势', trendSeries: '合规率', overall: '合计', rulesNote: '检测间隔：普通岗位 {{regular}} 小时；流动及接触岗位 {{mobile}} 小时；城市保供人员 {{supply}} 小时；紧急状态地区闭环单元 {{emergency}} 小时。',
  },
  rules: {
    title: '防疫规则', intro: '以下为 2022 年文件规定的默认值，政策调整时可修改，修改记入审计日志。', reset: '恢复默认值',
    testIntervalHours: '普通岗位检测间隔（小时）', mobileContactIntervalHours: '流动及接触岗位检测间隔（小时）', emergencyClosedLoopIntervalHours: '紧急状态地区闭环企业检测间隔（小时）', citySupplyIntervalHours: '城市保供人员检测间隔（小时）',
    dueSoonHours: '即将到期提醒（小时）', centralQuarantineDays: '风险地区来豫集中隔离（天）', arrivalTestHours: '来豫后检测时限（小时）', retestHours: '疑似病例复检时限（小时）', retentionDays: '个人信息保存期限（天）', contactWindowMinutes: '密接判定时间窗（±分钟）', dailyReportDeadlineHour: '日报告截止时刻（时）', lateReportDays: '日报告可补报天数（天）',
    emergency: '紧急状态地区', emergencyIntro: '紧急状态由应急响应模块发布前，暂由防疫专班在此维护；紧急状态地区闭环单元人员按更短间隔检测。', declare: '设为紧急状态', note: '说明', end: '解除', endConfirm: '确定解除该地区的紧急状态？', since: '起始时间',
  },
  alerts: {
    title: '电子哨预警', raisedAt: '预警时间', what: '预警内容', overdue: '在岗 {{total}} 人中 {{overdue}} 人核酸检测超期', acknowledge: '签收', acknowledged: '已签收', resolve: '处置完毕', resolved: '已处置', resolveNote: '处置说明',
    status: { open: '待签收', acknowledged: '处置中', resolved: '已处置' },
    kindLabel: '预警类型',
    kind: { overdue_test: '核酸检测超期', missing_daily_report: '日报告未报', arrival_not_reported: '入豫未报备', retest_overdue: '疑似人员复检超时', drug_purchase: '四类药品购买' },
  },
};
