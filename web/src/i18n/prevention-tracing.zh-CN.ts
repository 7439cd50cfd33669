/** Messages of the venue-code, tracing and drug-purchase pages (场所码、流调、购药监测). */
export const preventionTracingZhCN = {
  venueKind: { building: '楼栋', floor: '楼层', workshop: '车间', area: '区域', door: '门岗' },
  drugClass: { fever: '退热', cough: '止咳', antiviral: '抗病毒', antibiotic: '抗菌素' },
  unitStatus: { isolated: '封闭管理', scheduled: '待封闭', producing: '正常生产' },
  venues: {
    title: '场所码', intro: '为每个楼栋、楼层、车间、区域和门岗生成场所码，张贴后人员扫码登记；扫码记录用于流调追踪。可关联闭环单元。',
    enterprise: '企业', pickEnterprise: '选择企业', search: '按名称或场所码查询', kind: '类型', name: '名称', code: '场所码', parent: '上级场所', unit: '闭环单元',
    add: '新建场所', addChild: '添加下级', edit: '编辑', print: '打印所选（PDF）', printHint: '每页 A4 打印 6 个场所码', selected: '已选 {{n}} 个', saved: '已保存', none: '（无）',
  },
  trace: {
    title: '流调追踪', intro: '输入阳性人员（名册员工或身份证号）与时间窗口，查询同一场所前后 {{m}} 分钟内扫码的人员作为密接候选人。每次查询记入审计日志。',
    byEmployee: '名册员工', byIdCard: '身份证号', employee: '员工', idCard: '身份证号', window: '时间窗口', run: '开始追踪', secondOrder: '追踪次密接', reveal: '显示完整证件号（留痕）',
    person: '阳性人员', scans: '扫码记录', scannedAt: '扫码时间', venue: '场所', contacts: '密接候选人', secondContacts: '次密接候选人',
    rank: '排序', name: '姓名', idCardCol: '身份证号', overlaps: '重合次数', minGap: '最小间隔（分钟）', sameUnit: '同一闭环单元', via: '经由密接人数', venues: '场所',
    units: '涉及闭环单元', members: '单元人员', post: '岗位', notOnRoster: '非名册人员', yes: '是', export: '导出密接名单',
    picture: '闭环单元图', pictureIntro: '阳性病例所在单元封闭管理（红色），其他区域原则上不停工、不停产（绿色）。',
    isolate: '封闭管理', lift: '解除封闭', isolateTitle: '闭环单元封闭管理', from: '封闭开始', until: '封闭结束（可空）', reason: '事由', liftConfirm: '确认解除该单元的封闭管理、恢复生产？', done: '已更新',
    memberCount: '{{n}} 人', venueCount: '{{n}} 个场所', empty: '未找到扫码记录',
  },
  purchases: {
    title: '四类药品购买监测', intro: '药店上报的退热、止咳、抗病毒、抗菌素类药品购买记录；每条记录触发一次电子哨预警，推送至辖区防疫专班（名册员工同时推送所在企业）。',
    search: '按药店查询', drugClass: '药品类别', purchasedAt: '购药时间', idCard: '身份证号', phone: '手机号', pharmacy: '药店', region: '地区', enterprise: '所在企业', alerted: '预警', alertedYes: '已预警', alertedNo: '待预警',
  },
  ingest: {
    kind: '数据类型', kinds: { 'test-results': '核酸检测结果', 'venue-scans': '场所码扫码记录', 'drug-purchases': '四类药品购买记录' },
    columns: {
      'test-results': '列：sample_id 样本编号、id_card 身份证号、sampled_at 采样时间、result 检测结果、institution 检测机构。',
      'venue-scans': '列：id_card 身份证号、venue_code 场所码、scanned_at 扫码时间；同一人同一时间同一场所只保存一次。',
      'drug-purchases': '列：purchase_id 购药单号、id_card 身份证号、phone 手机号、pharmacy 药店、drug_class 药品类别（退热/止咳/抗病毒/抗菌素）、purchased_at 购药时间，可选 region_code 药店所在地区代码（6 位区划代码，须在本单位辖区内；不填则记入本单位所在地区）；同一单号只保存一次。',
    },
  },
  alertDrug: '{{who}} 于 {{pharmacy}} 购买{{cls}}类药品',
};
