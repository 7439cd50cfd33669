import type { SeedScale } from '../config.js';

/** The one password of every demo account, printed at start; demo only. */
export const DEMO_PASSWORD = 'Sibao@2022';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: string;
  regionCode: string;
  departmentKey?: string;
  taskForceKey?: string;
  /** For enterprise users: the region whose n-th enterprise (by code) the account belongs to. */
  enterpriseRegion?: string;
  enterpriseIndex?: number;
  phone: string;
  totp: boolean;
  note: string;
}

const P = '410000';
const KF = '410200';
const LK = '410225';
const GL = '410204';

/** Accounts of every role in several regions, so a newcomer can see each view and the scope walls. */
export function demoAccounts(scale: SeedScale): DemoAccount[] {
  const list: DemoAccount[] = [
    { username: 'sysadmin', displayName: '系统管理员', role: 'system_admin', regionCode: P, phone: '13800000001', totp: true, note: '系统管理员（省）' },
    { username: 'secadmin', displayName: '安全管理员', role: 'security_admin', regionCode: P, phone: '13800000002', totp: true, note: '安全管理员（省）' },
    { username: 'auditadmin', displayName: '审计管理员', role: 'audit_admin', regionCode: P, phone: '13800000003', totp: true, note: '审计管理员（省）' },
    { username: 'prov_dispatcher', displayName: '省指挥部调度员', role: 'dispatcher', regionCode: P, departmentKey: `${P}:development_reform`, phone: '13800000010', totp: false, note: '省指挥部办公室调度员' },
    { username: 'kf_dispatcher', displayName: '开封市调度员', role: 'dispatcher', regionCode: KF, departmentKey: `${KF}:development_reform`, phone: '13800000020', totp: false, note: '开封市指挥部办公室调度员' },
    { username: 'kf_industry', displayName: '开封工信局科员', role: 'department_staff', regionCode: KF, departmentKey: `${KF}:industry_it`, phone: '13800000021', totp: false, note: '开封市工业和信息化局（工业生产）' },
    { username: 'kf_tf_transport', displayName: '交通运输专班成员', role: 'task_force_member', regionCode: KF, taskForceKey: `${KF}:tf:transport`, phone: '13800000022', totp: false, note: '开封市交通运输工作专班' },
    { username: 'prov_prevention', displayName: '省防疫专班', role: 'prevention_staff', regionCode: P, phone: '13800000011', totp: false, note: '省疫情防控专班（维护全省风险地区名单）' },
    { username: 'kf_prevention', displayName: '开封防疫专班', role: 'prevention_staff', regionCode: KF, taskForceKey: `${KF}:tf:prevention`, phone: '13800000023', totp: false, note: '开封市防疫保障工作专班' },
    { username: 'kf_supervisor', displayName: '开封督查专班', role: 'supervisor', regionCode: KF, taskForceKey: `${KF}:tf:supervision`, phone: '13800000024', totp: false, note: '开封市督办督查工作专班' },
    { username: 'kf_liaison', displayName: '开封包保干部', role: 'liaison_cadre', regionCode: KF, departmentKey: `${KF}:commerce`, phone: '13800000025', totp: false, note: '包保干部（万人助万企）' },
    { username: 'lk_dispatcher', displayName: '兰考县调度员', role: 'dispatcher', regionCode: LK, departmentKey: `${LK}:development_reform`, phone: '13800000030', totp: false, note: '兰考县指挥部办公室调度员' },
    { username: 'lk_industry', displayName: '兰考工信科员', role: 'department_staff', regionCode: LK, departmentKey: `${LK}:industry_it`, phone: '13800000031', totp: false, note: '兰考县工业和信息化局' },
    { username: 'ent_lankao', displayName: '兰考企业联络人', role: 'enterprise_user', regionCode: LK, enterpriseRegion: LK, enterpriseIndex: 0, phone: '13800000040', totp: false, note: '兰考县一家企业' },
    { username: 'ent_lankao2', displayName: '兰考企业二联络人', role: 'enterprise_user', regionCode: LK, enterpriseRegion: LK, enterpriseIndex: 1, phone: '13800000041', totp: false, note: '兰考县另一家企业' },
  ];
  if (scale !== 'county') {
    list.push(
      { username: 'gl_dispatcher', displayName: '鼓楼区调度员', role: 'dispatcher', regionCode: GL, departmentKey: `${GL}:development_reform`, phone: '13800000032', totp: false, note: '开封市鼓楼区指挥部办公室调度员' },
      { username: 'ent_gulou', displayName: '鼓楼企业联络人', role: 'enterprise_user', regionCode: GL, enterpriseRegion: GL, enterpriseIndex: 0, phone: '13800000042', totp: false, note: '鼓楼区一家企业' },
    );
  }
  if (scale === 'province') {
    list.push({ username: 'zz_dispatcher', displayName: '郑州市调度员', role: 'dispatcher', regionCode: '410100', departmentKey: '410100:development_reform', phone: '13800000050', totp: false, note: '郑州市指挥部办公室调度员' });
  }
  return list;
}
