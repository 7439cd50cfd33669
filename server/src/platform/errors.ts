/**
 * One error shape everywhere: { statusCode, code, message, field? }. Codes are stable ids the
 * web app can rely on; messages are looked up here in the caller's language.
 */
export type Lang = 'zh-CN' | 'en-US';

const MESSAGES: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  'auth.unauthenticated': { 'zh-CN': '请先登录', 'en-US': 'Please sign in' },
  'auth.invalid_credentials': { 'zh-CN': '用户名或密码错误', 'en-US': 'Wrong username or password' },
  'auth.totp_required': { 'zh-CN': '请输入动态验证码', 'en-US': 'Enter the code from your authenticator app' },
  'auth.totp_invalid': { 'zh-CN': '动态验证码错误', 'en-US': 'The authenticator code is wrong' },
  'auth.locked': {
    'zh-CN': '登录失败次数过多，账号已锁定至 {until}',
    'en-US': 'Too many failed sign-ins: the account is locked until {until}',
  },
  'auth.disabled': { 'zh-CN': '账号已停用', 'en-US': 'The account is disabled' },
  'auth.session_expired': { 'zh-CN': '会话已过期，请重新登录', 'en-US': 'Your session has expired; sign in again' },
  'auth.password_change_required': { 'zh-CN': '请先修改初始密码', 'en-US': 'Change your initial password first' },
  'auth.totp_enrollment_required': {
    'zh-CN': '请先绑定动态验证码',
    'en-US': 'Set up your authenticator app first',
  },
  'auth.wrong_password': { 'zh-CN': '当前密码错误', 'en-US': 'The current password is wrong' },
  'auth.weak_password': {
    'zh-CN': '密码至少 {min} 位，且包含大写字母、小写字母、数字、符号中的至少三种',
    'en-US': 'The password needs at least {min} characters of at least three kinds: upper case, lower case, digits, symbols',
  },
  'auth.password_reused': { 'zh-CN': '新密码不能与当前密码相同', 'en-US': 'The new password must differ from the current one' },
  'auth.rate_limited': { 'zh-CN': '请求过于频繁，请稍后再试', 'en-US': 'Too many requests; try again later' },
  forbidden: { 'zh-CN': '无权执行此操作', 'en-US': 'You are not allowed to do this' },
  not_found: { 'zh-CN': '{entity}不存在', 'en-US': '{entity} not found' },
  'validation.invalid': { 'zh-CN': '字段 {field} 无效：{reason}', 'en-US': 'Field {field} is invalid: {reason}' },
  conflict: { 'zh-CN': '{field} 已存在', 'en-US': '{field} already exists' },
  internal: { 'zh-CN': '服务器内部错误', 'en-US': 'Internal server error' },
  'files.too_large': { 'zh-CN': '文件过大，最大 {max} 字节', 'en-US': 'The file is too large: at most {max} bytes' },
  'files.type_not_allowed': { 'zh-CN': '不允许上传此类型的文件（{type}）', 'en-US': 'Files of type {type} are not allowed' },
  'files.not_uploader': { 'zh-CN': '只有上传人可以删除此附件', 'en-US': 'Only the person who uploaded this file may remove it' },
  'whitelist.invalid_transition': { 'zh-CN': '当前状态（{from}）不能执行此操作（{action}）', 'en-US': 'Cannot {action} from status {from}' },
  'whitelist.already_listed': { 'zh-CN': '企业已在白名单内，无需申报', 'en-US': 'The enterprise is already on the whitelist' },
  'demands.invalid_transition': { 'zh-CN': '诉求当前状态（{from}）不能执行此操作（{action}）', 'en-US': 'Cannot {action} a demand in state {from}' },
  'demands.possible_duplicate': { 'zh-CN': '本企业 {days} 天内已提交过相似诉求（编号 {no}），确认仍要提交请勾选“确认不是重复诉求”', 'en-US': 'A similar demand (no. {no}) was filed in the last {days} days; confirm to file anyway' },
  'demands.no_higher_level': { 'zh-CN': '已是最高层级，不能再上报', 'en-US': 'This is already the highest level' },
  'demands.not_escalated': { 'zh-CN': '诉求未经上报，不能交回下级', 'en-US': 'The demand was not escalated; there is no lower level to hand it to' },
  'demands.unit_not_available': { 'zh-CN': '所选责任单位不属于本级或下级指挥部', 'en-US': 'The unit is not of this command or a lower one' },
  'demands.closed_no_attachments': { 'zh-CN': '诉求已销号，不能再添加附件', 'en-US': 'The demand is closed; no more files can be attached' },
  'tasks.closed_no_attachments': { 'zh-CN': '该任务已验收或撤销，不能再添加佐证材料', 'en-US': 'The assignment is accepted or cancelled; no more evidence can be attached' },
  'supervision.closed_no_attachments': { 'zh-CN': '督办单已回复或办结，不能再添加附件', 'en-US': 'The notice is already replied to or closed; no more files can be attached' },
  'demands.closed_attachments_kept': { 'zh-CN': '诉求已销号，附件不能再删除', 'en-US': 'The demand is closed; its files can no longer be removed' },
  'tasks.attachments_kept': { 'zh-CN': '该任务已提交验收、已验收或已撤销，佐证材料不能再删除', 'en-US': 'The assignment is submitted, accepted or cancelled; its evidence can no longer be removed' },
  'supervision.attachments_kept': { 'zh-CN': '督办单已回复或办结，附件不能再删除', 'en-US': 'The notice is already replied to or closed; its files can no longer be removed' },
  'demands.issue_closed': { 'zh-CN': '共性问题已办结', 'en-US': 'The common issue is already closed' },
  'prevention.not_isolated': { 'zh-CN': '该闭环单元当前未封闭', 'en-US': 'This closed-loop unit is not isolated' },
  'prevention.alert_transition': { 'zh-CN': '预警当前状态（{from}）不能执行此操作（{action}）', 'en-US': 'Cannot {action} an alert that is {from}' },
  'prevention.risk_area_ended': { 'zh-CN': '该风险地区已解除', 'en-US': 'The risk area has already ended' },
  'prevention.case_transition': { 'zh-CN': '疑似病例当前状态（{from}）不能执行此操作（{action}）', 'en-US': 'Cannot {action} a suspected case that is {from}' },
  'prevention.case_open': { 'zh-CN': '此人已有未结束的疑似病例处置', 'en-US': 'This person already has an open suspected case' },
  'prevention.observation_full': { 'zh-CN': '留观点房间已满（{rooms} 间）', 'en-US': 'The observation point is full ({rooms} rooms)' },
  'prevention.quiet_incomplete': { 'zh-CN': '静默期未满：已检 {done} 天，需 {days} 天', 'en-US': 'Quiet period not complete: {done} of {days} daily tests' },
  'prevention.daily_test_done': { 'zh-CN': '今天已记录静默期检测', 'en-US': 'Today’s quiet-period test is already recorded' },
  'whitelist.batch_empty': { 'zh-CN': '没有待发布的已纳入企业', 'en-US': 'No admitted enterprise awaits publication' },
  'policies.invalid_transition': { 'zh-CN': '当前状态（{from}）不能执行此操作（{action}）', 'en-US': 'Cannot {action} from status {from}' },
  'policies.no_longer_eligible': { 'zh-CN': '企业已不再符合该政策条件', 'en-US': 'The enterprise no longer meets this policy' },
  'policies.no_booth_policy': { 'zh-CN': '本地区尚未发布核酸采样屋补贴政策', 'en-US': 'No sampling-booth subsidy policy applies in this region' },
  'policies.booth_not_eligible': { 'zh-CN': '用工人数不少于{min}人的企业（项目）方可申请', 'en-US': 'Only enterprises (projects) with at least {min} employees may claim' },
  'policies.booth_invoice_missing': { 'zh-CN': '该申请（发票号码 {invoiceNumber}）尚未上传发票，企业补传发票后方可审核通过', 'en-US': 'The claim (invoice no. {invoiceNumber}) has no invoice file attached; it can be approved once the enterprise uploads the invoice' },
  'tasks.invalid_transition': { 'zh-CN': '当前状态（{from}）不能执行此操作（{action}）', 'en-US': 'Cannot {action} from status {from}' },
  'tasks.no_command': { 'zh-CN': '本地区尚未设立指挥部', 'en-US': 'The caller’s region has no command' },
  'supervision.no_unit': { 'zh-CN': '该事项尚未明确责任单位，不能督办', 'en-US': 'The item has no responsible unit yet' },
};

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly params: Record<string, string> = {},
    readonly field?: string,
  ) {
    super(code);
  }
}

export const errors = {
  unauthenticated: () => new AppError(401, 'auth.unauthenticated'),
  forbidden: () => new AppError(403, 'forbidden'),
  /** Out of scope answers exactly like missing, so scope cannot be probed. */
  notFound: (entity: string) => new AppError(404, 'not_found', { entity }),
  validation: (field: string, reason: string) => new AppError(400, 'validation.invalid', { field, reason }, field),
  conflict: (field: string) => new AppError(409, 'conflict', { field }, field),
  of: (statusCode: number, code: string, params: Record<string, string> = {}, field?: string) =>
    new AppError(statusCode, code, params, field),
};

export function messageFor(code: string, lang: Lang, params: Record<string, string>): string {
  const entry = MESSAGES[code] ?? MESSAGES.internal;
  return entry[lang].replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');
}

export function langOf(acceptLanguage: string | undefined): Lang {
  return acceptLanguage && /^en/i.test(acceptLanguage) ? 'en-US' : 'zh-CN';
}

/** Names of entities for not-found messages, in both languages. */
export const ENTITY_NAMES: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  user: { 'zh-CN': '用户', 'en-US': 'User' },
  region: { 'zh-CN': '地区', 'en-US': 'Region' },
  role: { 'zh-CN': '角色', 'en-US': 'Role' },
  command: { 'zh-CN': '指挥部', 'en-US': 'Command' },
  enterprise: { 'zh-CN': '企业', 'en-US': 'Enterprise' },
  department: { 'zh-CN': '部门', 'en-US': 'Department' },
  task_force: { 'zh-CN': '工作专班', 'en-US': 'Task force' },
  application: { 'zh-CN': '申报', 'en-US': 'Application' },
  batch: { 'zh-CN': '批次', 'en-US': 'Batch' },
  criteria: { 'zh-CN': '遴选标准', 'en-US': 'Selection criteria' },
  route: { 'zh-CN': '接口', 'en-US': 'API route' },
  policy: { 'zh-CN': '政策', 'en-US': 'Policy' },
  policy_match: { 'zh-CN': '政策匹配记录', 'en-US': 'Policy match' },
  booth_claim: { 'zh-CN': '采样屋补贴申请', 'en-US': 'Sampling-booth claim' },
  demand: { 'zh-CN': '诉求', 'en-US': 'Demand' },
  common_issue: { 'zh-CN': '共性问题', 'en-US': 'Common issue' },
  unit: { 'zh-CN': '责任单位', 'en-US': 'Responsible unit' },
  notification: { 'zh-CN': '消息', 'en-US': 'Notification' },
  attachment: { 'zh-CN': '附件', 'en-US': 'Attachment' },
  task: { 'zh-CN': '交办任务', 'en-US': 'Task' },
  assignment: { 'zh-CN': '任务分办', 'en-US': 'Assignment' },
  item: { 'zh-CN': '督办事项', 'en-US': 'Supervised item' },
  notice: { 'zh-CN': '督办单', 'en-US': 'Supervision notice' },
  weekly_report: { 'zh-CN': '周报告', 'en-US': 'Weekly report' },
  loop_unit: { 'zh-CN': '闭环单元', 'en-US': 'Closed-loop unit' },
  employee: { 'zh-CN': '员工', 'en-US': 'Employee' },
  ingest_run: { 'zh-CN': '导入批次', 'en-US': 'Ingest run' },
  api_key: { 'zh-CN': '接口密钥', 'en-US': 'API key' },
  alert: { 'zh-CN': '预警', 'en-US': 'Alert' },
  daily_report: { 'zh-CN': '健康日报告', 'en-US': 'Daily health report' },
  arrival: { 'zh-CN': '入豫报备', 'en-US': 'Arrival report' },
  risk_area: { 'zh-CN': '风险地区', 'en-US': 'Risk area' },
  suspected_case: { 'zh-CN': '疑似病例', 'en-US': 'Suspected case' },
  observation_point: { 'zh-CN': '留观点', 'en-US': 'Observation point' },
  supply: { 'zh-CN': '防疫物资', 'en-US': 'Prevention supply' },
  venue: { 'zh-CN': '场所', 'en-US': 'Venue' },
};
