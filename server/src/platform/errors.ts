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
  'whitelist.invalid_transition': { 'zh-CN': '当前状态（{from}）不能执行此操作（{action}）', 'en-US': 'Cannot {action} from status {from}' },
  'whitelist.already_listed': { 'zh-CN': '企业已在白名单内，无需申报', 'en-US': 'The enterprise is already on the whitelist' },
  'whitelist.batch_empty': { 'zh-CN': '没有待发布的已纳入企业', 'en-US': 'No admitted enterprise awaits publication' },
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
};
