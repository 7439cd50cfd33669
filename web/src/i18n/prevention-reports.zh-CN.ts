/** Messages of the health and arrival report pages (日报告、零报告、入豫报备、风险地区). */
export const preventionReportsZhCN = {
  symptom: { fever: '发热', cough: '咳嗽', sore_throat: '咽痛', fatigue: '乏力', loss_of_smell: '嗅味觉减退', other: '其他' },
  measure: { observation: '居家/单位观察', isolation: '隔离', hospital: '就医', none: '无需处置' },
  boardStatus: { reported: '已报告', zero: '零报告', missing: '未报告' },
  daily: {
    title: '健康日报告', today: '今日报告（{{day}}）', deadline: '请于每日 {{hour}} 时前填报；无异常请一键报零报告。', filedAt: '已于 {{time}} 填报', notFiled: '今日尚未填报',
    zeroButton: '一键零报告', zeroConfirm: '确认今日员工无发热等异常症状，报零报告？', zeroDone: '已报零报告', file: '提交日报告', filed: '已提交（同日再次提交将覆盖）',
    onSite: '在岗人数', symptomatic: '异常症状人数', isolated: '隔离人数', observation: '观察人数', note: '情况说明（加密保存）', persons: '异常人员', addPerson: '添加异常人员',
    employee: '员工', symptoms: '症状', detail: '详情（加密保存）', measure: '处置', remove: '移除', onRoster: '名册在岗 {{n}} 人', history: '填报记录',
    day: '日期', kind: '类型', zero: '零报告', normal: '日报告', filedAtCol: '填报时间', filedBy: '填报人', detailTitle: '日报告详情', hidden: '健康详情已加密，仅授权人员可查看（留痕）。',
    reveal: '查看健康详情', revealPurpose: '查询事由', revealed: '健康详情（已留痕）', board: '各企业填报情况', byRegion: '分地区统计', expected: '应报', reported: '已报告', missing: '未报告',
    late: '补报', lateDay: '补报往日（可选）', lateTitle: '补报 {{day}} 的日报告（标记为补报）',
    search: '按企业名称查询', status: '状态', region: '地区', enterprise: '企业', view: '查看',
  },
  arrivals: {
    title: '入豫报备', add: '登记入豫报备', addFound: '登记未报备人员', name: '姓名', idCard: '身份证号', phone: '手机号', personKind: '人员类别',
    personKinds: { visitor: '到访人员', returning_employee: '返岗员工' }, originCode: '来源地区划代码', originName: '来源地', route: '行程路线', purpose: '事由', arrivalAt: '抵达时间',
    enterprise: '接待企业', decision: '管控措施', code: '赋码', red: '红码', green: '绿码', quarantine: '集中隔离至 {{until}}', test: '{{due}} 前完成核酸检测',
    status: '状态', statuses: { quarantine: '集中隔离中', released: '隔离期满', awaiting_test: '待检测', tested: '已检测', overdue: '检测超时' },
    late: '补报', lateOnly: '仅看补报', source: '来源', sources: { host: '企业报备', found: '其他渠道发现' }, onRoster: '名册员工', reportedAt: '报备时间', reportedBy: '报备人',
    search: '按姓名或来源地查询', from: '抵达起', to: '抵达止', detail: '入豫报备详情', filed: '已报备', again: '该人员当日已报备，未重复登记',
    revealTitle: '查看完整证件号与手机号', revealHint: '查看完整个人信息将记入审计日志，请如实填写事由。', reveal: '查看完整信息', revealPurpose: '查询事由', back: '返回列表',
    foundHint: '防疫专班登记从其他渠道发现的入豫人员，将标记为补报并触发电子哨预警。', enterpriseRequired: '请选择接待企业',
  },
  risk: {
    title: '风险地区', add: '新增风险地区', code: '区划代码', codeHint: '6 位代码；以 00 结尾表示整个地市，以 0000 结尾表示整个省', name: '地区名称', level: '风险等级',
    levels: { medium: '中风险', high: '高风险', static: '静态管理区域' }, fromDay: '起始日期', toDay: '解除日期', ongoing: '持续中', active: '仅看未解除',
    end: '解除', endConfirm: '解除后，今日起来自该地区的入豫人员不再按风险地区管控，已报备人员将重新判定。确认解除？',
    remove: '删除', removeConfirm: '仅用于删除误录的地区；删除后已报备人员将重新判定。确认删除？', redecided: '已重新判定 {{n}} 条入豫报备', search: '按名称或代码查询',
    intro: '风险地区名单决定入豫人员的管控措施：来自风险地区（所在县市区）的赋红码并集中隔离；其他人员抵达后限时完成核酸检测。名单变更时自动重新判定。',
  },
  alertWhat: {
    missing_daily_report: '{{day}} 健康日报告截至 {{deadlineHour}} 时未报',
    arrival_not_reported: '{{name}}（来自 {{originName}}，{{day}} 抵达）未提前入豫报备',
  },
};
