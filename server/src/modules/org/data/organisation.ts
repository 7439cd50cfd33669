import type { Random } from '../../../seed/random.js';
import { personName } from '../../../seed/names.js';
import type { Sector } from '../../whitelist/tables.js';
import { henanParentOf, regionFullName, regionShortName, type RegionSeed } from './regions.js';

/**
 * The organisation of each region as plain data: its departments and its command (指挥部)
 * with the task forces of the Kaifeng notice (city and county) or the working groups of the
 * provincial mechanism (province). People are made up; posts and names of units follow the
 * documents and the usual naming of Henan's government bodies.
 */
export const DEPARTMENT_KINDS = [
  'development_reform', 'industry_it', 'public_security', 'finance', 'housing', 'urban_management',
  'transport', 'agriculture', 'commerce', 'culture_tourism', 'health', 'gov_services_big_data', 'tax',
  'customs', 'postal', 'supervision_office', 'market_regulation', 'ecology_environment',
] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

interface DeptSpec {
  /** Name after the region name: province form, then city/county form. */
  suffix: readonly [province: string, local: string];
  /** Short form used in posts (市发展改革委主任). */
  abbr: readonly [province: string, local: string];
  head: readonly [province: string, local: string];
  /** Sits on the command, as in the member lists of both documents. */
  member: boolean;
}

const DEPT: Readonly<Record<DepartmentKind, DeptSpec>> = {
  development_reform: { suffix: ['发展和改革委员会', '发展和改革委员会'], abbr: ['发展改革委', '发展改革委'], head: ['主任', '主任'], member: true },
  industry_it: { suffix: ['工业和信息化厅', '工业和信息化局'], abbr: ['工业和信息化厅', '工业和信息化局'], head: ['厅长', '局长'], member: true },
  public_security: { suffix: ['公安厅', '公安局'], abbr: ['公安厅', '公安局'], head: ['厅长', '局长'], member: true },
  finance: { suffix: ['财政厅', '财政局'], abbr: ['财政厅', '财政局'], head: ['厅长', '局长'], member: true },
  housing: { suffix: ['住房和城乡建设厅', '住房和城乡建设局'], abbr: ['住房城乡建设厅', '住房城乡建设局'], head: ['厅长', '局长'], member: true },
  urban_management: { suffix: ['', '城市管理局'], abbr: ['', '城管局'], head: ['', '局长'], member: true },
  transport: { suffix: ['交通运输厅', '交通运输局'], abbr: ['交通运输厅', '交通运输局'], head: ['厅长', '局长'], member: true },
  agriculture: { suffix: ['农业农村厅', '农业农村局'], abbr: ['农业农村厅', '农业农村局'], head: ['厅长', '局长'], member: true },
  commerce: { suffix: ['商务厅', '商务局'], abbr: ['商务厅', '商务局'], head: ['厅长', '局长'], member: true },
  culture_tourism: { suffix: ['文化和旅游厅', '文化广电和旅游局'], abbr: ['文化和旅游厅', '文化广电和旅游局'], head: ['厅长', '局长'], member: true },
  health: { suffix: ['卫生健康委员会', '卫生健康委员会'], abbr: ['卫生健康委', '卫生健康委'], head: ['主任', '主任'], member: true },
  gov_services_big_data: { suffix: ['行政审批和政务信息管理局', '政务服务和大数据管理局'], abbr: ['行政审批和政务信息管理局', '政务服务和大数据局'], head: ['局长', '局长'], member: true },
  tax: { suffix: ['税务局', '税务局'], abbr: ['税务局', '税务局'], head: ['局长', '局长'], member: true },
  customs: { suffix: ['海关', '海关'], abbr: ['海关', '海关'], head: ['关长', '关长'], member: true },
  postal: { suffix: ['邮政管理局', '邮政管理局'], abbr: ['邮政管理局', '邮政管理局'], head: ['局长', '局长'], member: true },
  supervision_office: { suffix: ['人民政府督查室', '人民政府督查局'], abbr: ['政府督查室', '政府督查局'], head: ['主任', '局长'], member: false },
  market_regulation: { suffix: ['市场监督管理局', '市场监督管理局'], abbr: ['市场监管局', '市场监管局'], head: ['局长', '局长'], member: false },
  ecology_environment: { suffix: ['生态环境厅', '生态环境局'], abbr: ['生态环境厅', '生态环境局'], head: ['厅长', '局长'], member: false },
};

/** Where a region's district-like units are branches of the city's bureau (公安, 生态环境). */
function isDistrictLike(region: RegionSeed): boolean {
  return region.level === 'county' && (region.kind === 'functional' || region.name.endsWith('区'));
}

/**
 * Which departments a region has. Customs and postal administration stop at city level; the
 * province has no urban-management department of its own (housing and urban-rural development
 * carries that portfolio, and the provincial member list has none).
 */
export function departmentKindsFor(region: RegionSeed): DepartmentKind[] {
  return DEPARTMENT_KINDS.filter((k) => {
    if (region.level === 'province') return k !== 'urban_management';
    if (region.level === 'county') return k !== 'customs' && k !== 'postal';
    return true;
  });
}

/** 省 / 市 / 县 / 区: the prefix of posts and of "全市" in a region's own documents. */
export function levelPrefix(region: RegionSeed): string {
  if (region.level === 'province') return '省';
  if (region.level === 'city') return '市';
  if (region.kind === 'functional') return '区';
  const last = region.name.slice(-1);
  return last === '县' || last === '区' || last === '市' ? last : '县';
}

/**
 * The unit's official name in that region: 河南省发展和改革委员会, 开封市工业和信息化局,
 * 开封海关, 国家税务总局兰考县税务局, 开封市公安局鼓楼分局 (district police and county
 * environment offices are branches of the city bureau). Parent defaults to the Henan tree.
 */
export function departmentName(kind: DepartmentKind, region: RegionSeed, parent?: RegionSeed): string {
  const spec = DEPT[kind];
  if (!departmentKindsFor(region).includes(kind)) throw new RangeError(`${region.name} has no ${kind} department`);
  if (region.level === 'province') {
    if (kind === 'customs') return '郑州海关';
    if (kind === 'tax') return `国家税务总局${region.name}税务局`;
    return region.name + spec.suffix[0];
  }
  const city = region.level === 'county' ? henanParentOf(region, parent) : undefined;
  const full = regionFullName(region, city);
  const short = regionShortName(region.name);
  switch (kind) {
    case 'customs':
      return `${short}海关`;
    case 'tax':
      return `国家税务总局${full}税务局`;
    case 'public_security':
      return isDistrictLike(region) && city ? `${city.name}公安局${short}分局` : full + spec.suffix[1];
    case 'ecology_environment':
      // Since the 2016 vertical-management reform county offices are branches of the city bureau.
      return region.level === 'county' && city ? `${city.name}生态环境局${short}分局` : full + spec.suffix[1];
    case 'supervision_office':
      if (region.kind === 'functional') return `${full}管理委员会督查室`;
      return region.level === 'county' ? `${full}人民政府督查室` : full + spec.suffix[1];
    default:
      return full + spec.suffix[1];
  }
}

/** The post of a department's head as written in member lists: 市发展改革委主任, 开封海关关长. */
function headTitle(kind: DepartmentKind, region: RegionSeed, deptName: string): string {
  const spec = DEPT[kind];
  const p = levelPrefix(region);
  const i = region.level === 'province' ? 0 : 1;
  if (kind === 'customs') return `${deptName}关长`;
  if (kind === 'public_security' && isDistrictLike(region)) return `${p}公安分局局长`;
  if (kind === 'ecology_environment' && region.level === 'county') return `${p}生态环境分局局长`;
  if (kind === 'supervision_office' && region.kind === 'functional') return '管委会督查室主任';
  if (kind === 'supervision_office' && region.level === 'county') return `${p}政府督查室主任`;
  return p + spec.abbr[i] + spec.head[i];
}

export const TASK_FORCE_KIND_NAMES = [
  'coordination', 'industry', 'commerce', 'transport', 'culture_tourism', 'key_project', 'prevention', 'supervision',
] as const;
export type TaskForceKind = (typeof TASK_FORCE_KIND_NAMES)[number];

/** self 市/县/区/省; area 全市…; upper: the level above (省 for a city); below: 各县区 / 各乡镇（街道）. */
interface DutyContext { self: string; area: string; upper: string; below: string }

export interface TaskForceKindSpec {
  kind: TaskForceKind;
  /** 工业生产 → 工业生产工作专班 / 工业生产工作组 */
  label: string;
  sector: Sector | null;
  leadDepartmentKind: DepartmentKind;
  /** Added to the lead department's name for the office (the Kaifeng notice: 市发展改革委（市重点办）). */
  officeNote: string | null;
  /** Section of the lead department the liaison officer comes from (科; 处 at province). */
  liaisonSection: string;
  /** Department heads who may join as deputies besides the lead department's. */
  related: readonly DepartmentKind[];
  /** Province has a working group of this kind. */
  atProvince: boolean;
  duties(level: 'province' | 'city' | 'county', ctx: DutyContext): string;
}

const MECH = '常态化疫情防控下经济运行调度机制指挥部';

/** The five sector task forces share the notice's wording, differing only in the field. */
function sectorDuties(label: string, whitelist: string) {
  return (level: 'province' | 'city' | 'county', c: DutyContext): string => {
    if (level === 'province') {
      return `负责${label}领域“四保”白名单企业（项目）生产运行保障工作；牵头制定${label}领域疫情防控工作指南和白名单企业（项目）保障办法，制定遴选标准和管理办法并向社会公布，合理确定省、市、县分级保障服务的企业（项目），推动本领域白名单总产值（投资额）覆盖率超过70%。`;
    }
    const join = `抽调1名人员到${c.self}${MECH}集中办公。`;
    if (level === 'city') {
      return `负责制定${whitelist}白名单、${label}白名单企业疫情防控工作指南等相关工作；加快制定“四保”企业（项目）白名单遴选标准和管理办法，6月底实现本领域白名单总产值（投资额）覆盖率超过70%；${join}`;
    }
    return `负责${c.area}${whitelist}白名单企业（项目）的申报指导、审核推荐和动态调整，督促白名单企业（项目）落实${label}白名单企业疫情防控工作指南等相关工作；跟踪协调解决白名单企业（项目）遇到的困难和问题，推动本领域白名单总产值（投资额）覆盖率超过70%；${join}`;
  };
}

export const TASK_FORCE_KINDS: readonly TaskForceKindSpec[] = [
  {
    kind: 'coordination', label: '综合协调', sector: null, leadDepartmentKind: 'development_reform', officeNote: null,
    liaisonSection: '综合科', related: ['finance', 'gov_services_big_data'], atProvince: false,
    duties: (_l, c) =>
      `统筹${c.self}${MECH}办公室日常工作，承办${c.upper}${MECH}交办的工作任务；负责${c.self}${MECH}领导同志相关会议、活动的组织和服务工作；加强${c.below}、各部门、${c.self}${MECH}各专班的联络、沟通和调度。`,
  },
  {
    kind: 'industry', label: '工业生产', sector: 'industry', leadDepartmentKind: 'industry_it', officeNote: null,
    liaisonSection: '运行监测协调科', related: ['market_regulation', 'ecology_environment'], atProvince: true,
    duties: sectorDuties('工业生产', '工业生产领域'),
  },
  {
    kind: 'commerce', label: '商贸流通', sector: 'commerce', leadDepartmentKind: 'commerce', officeNote: null,
    liaisonSection: '市场运行科', related: ['agriculture', 'market_regulation'], atProvince: true,
    duties: sectorDuties('商贸流通', '商贸流通领域'),
  },
  {
    kind: 'transport', label: '交通运输', sector: 'transport', leadDepartmentKind: 'transport', officeNote: null,
    liaisonSection: '运输服务科', related: ['public_security', 'postal'], atProvince: true,
    duties: sectorDuties('交通运输', '交通运输领域'),
  },
  {
    kind: 'culture_tourism', label: '文化旅游', sector: 'culture_tourism', leadDepartmentKind: 'culture_tourism', officeNote: null,
    liaisonSection: '产业发展科', related: ['market_regulation'], atProvince: true,
    duties: sectorDuties('文化旅游', '文化旅游领域'),
  },
  {
    kind: 'key_project', label: '重点项目', sector: 'key_project', leadDepartmentKind: 'development_reform', officeNote: '重点办',
    liaisonSection: '重点项目科', related: ['housing', 'finance'], atProvince: true,
    duties: sectorDuties('重点项目', '重点项目'),
  },
  {
    kind: 'prevention', label: '防疫保障', sector: null, leadDepartmentKind: 'health', officeNote: null,
    liaisonSection: '疾病预防控制科', related: ['public_security', 'market_regulation'], atProvince: true,
    duties: (level, c) =>
      level === 'province'
        ? `会同省疫情防控指挥部分级建立应急状态联防联控机制，指导白名单企业（项目）制定应急状态工作方案，分类落实闭环管理要求，实行特殊通行证制度，实施赋码保护；落实全员48小时免费常态核酸检测和闭环管理状态核酸检测政策，对物流、销售等流动性、接触性岗位人员可实行24小时1次免费核酸检测。`
        : `负责分级建立应急状态联防联控机制，指导白名单企业（项目）制定应急状态工作方案等相关工作；会同${c.self}疫情防控指挥部落实全员48小时免费常态核酸检测和闭环管理状态核酸检测政策，对物流、销售等流动性、接触性岗位人员可实行24小时1次免费核酸检测；为每个工作专班配备1名疫情防控专家，为每个白名单企业（项目）配备专业防疫人员和结对帮扶医疗卫生机构；会同${c.below}做好应急状态下的检查监督、服务保障等工作。`,
  },
  {
    kind: 'supervision', label: '督办督查', sector: null, leadDepartmentKind: 'supervision_office', officeNote: null,
    liaisonSection: '督查科', related: ['development_reform'], atProvince: false,
    duties: (_l, c) =>
      `负责制定督查督办工作方案；对常态化疫情防控下${c.area}经济运行工作落实情况督查督办工作。根据上级疫情防控、${c.self}${MECH}交办的重点工作和要求开展专项督查督办工作。查处工作中对上级工作部署不落实、缓落实、数据弄虚作假、虚报瞒报等失职渎职行为。实行督查督办周报告制度，每周五向${c.self}${MECH}办公室汇报督查督办情况。对监督检查发现的新情况、新问题及普遍性、倾向性重大问题进行评估，提出工作意见建议。`,
  },
];

export function taskForceKindsFor(region: RegionSeed): readonly TaskForceKindSpec[] {
  return region.level === 'province' ? TASK_FORCE_KINDS.filter((t) => t.atProvince) : TASK_FORCE_KINDS;
}

export interface DepartmentSeed {
  /** Stable: `${regionCode}:${kind}`. */
  key: string;
  regionCode: string;
  kind: DepartmentKind;
  name: string;
}
export interface CommandMemberSeed {
  position: 'commander' | 'first_deputy' | 'deputy' | 'member';
  name: string;
  title: string;
}
export interface TaskForceMemberSeed {
  position: 'leader' | 'deputy' | 'office_director' | 'liaison_officer';
  name: string;
  title: string;
}
export interface TaskForceSeed {
  /** Stable: `${regionCode}:tf:${kind}`. */
  key: string;
  kind: TaskForceKind;
  name: string;
  sector: Sector | null;
  leadDepartmentKey: string;
  officeLocation: string;
  responsibilities: string;
  members: TaskForceMemberSeed[];
}
export interface CommandSeed {
  /** Stable: `${regionCode}:command`. */
  key: string;
  regionCode: string;
  name: string;
  officeDepartmentKey: string;
  officeLocation: string;
  members: CommandMemberSeed[];
  taskForces: TaskForceSeed[];
}
export interface OrganisationSeed {
  departments: DepartmentSeed[];
  commands: CommandSeed[];
}

type Person = Pick<CommandMemberSeed, 'name' | 'title'>;

function dutyContext(region: RegionSeed): DutyContext {
  const self = levelPrefix(region);
  return {
    self,
    area: `全${self}`,
    upper: region.level === 'province' ? '国家' : region.level === 'city' ? '省' : '市',
    below: region.level === 'province' ? '各省辖市' : region.level === 'city' ? '各县区' : '各乡镇（街道）',
  };
}

/** Leadership posts of a region's government, by level. */
function leadershipTitles(region: RegionSeed) {
  const p = levelPrefix(region);
  if (region.kind === 'functional') {
    return {
      commander: '党工委副书记、管委会主任', first: '党工委委员、管委会常务副主任', deputy: '管委会副主任',
      police: '管委会副主任、公安分局局长', secretary: '管委会办公室主任', deputySecretary: '管委会办公室副主任',
    };
  }
  if (region.level === 'county') {
    return {
      commander: `${p}委副书记、${p}长`, first: `${p}委常委、常务副${p}长`, deputy: `副${p}长`,
      police: `副${p}长、${p}${p === '区' ? '公安分局' : '公安局'}局长`,
      secretary: `${p}政府办公室主任`, deputySecretary: `${p}政府办公室副主任`,
    };
  }
  return {
    commander: region.level === 'province' ? '省长' : '市委副书记、市长',
    first: region.level === 'province' ? '常务副省长' : '市委常委、常务副市长',
    deputy: `副${p}长`,
    police: region.level === 'province' ? '副省长、省公安厅厅长' : '副市长、市公安局局长',
    secretary: `${p}政府秘书长`,
    deputySecretary: `${p}政府副秘书长`,
  };
}

const DEPUTY_COUNT: Readonly<Record<RegionSeed['level'] | 'functional', readonly [number, number]>> = {
  province: [5, 6], city: [4, 6], county: [4, 5], functional: [3, 4],
};

/**
 * Departments and a command for every region given, in the order given. The same seed and
 * the same regions give the same organisation; people are unique within a region.
 */
export function buildOrganisation(rng: Random, regions: readonly RegionSeed[]): OrganisationSeed {
  const known = new Map(regions.map((r) => [r.code, r] as const));
  const departments: DepartmentSeed[] = [];
  const commands: CommandSeed[] = [];

  for (const region of regions) {
    const parent = region.parentCode ? known.get(region.parentCode) : undefined;
    const used = new Set<string>();
    const person = (title: string): Person => {
      let name = personName(rng);
      while (used.has(name)) name = personName(rng);
      used.add(name);
      return { name, title };
    };

    const kinds = departmentKindsFor(region);
    const deptByKind = new Map<DepartmentKind, DepartmentSeed>();
    for (const kind of kinds) {
      const d = { key: `${region.code}:${kind}`, regionCode: region.code, kind, name: departmentName(kind, region, parent) };
      departments.push(d);
      deptByKind.set(kind, d);
    }
    const dept = (kind: DepartmentKind): DepartmentSeed => {
      const d = deptByKind.get(kind);
      if (!d) throw new Error(`${region.name} has no ${kind} department`);
      return d;
    };

    const t = leadershipTitles(region);
    const commander = person(t.commander);
    const first = person(t.first);
    const [lo, hi] = DEPUTY_COUNT[region.kind === 'functional' ? 'functional' : region.level];
    const deputies = Array.from({ length: rng.int(lo, hi) }, (_, i) => person(i === 0 ? t.police : t.deputy));
    const secretary = person(t.secretary);
    const deputySecretaries = Array.from({ length: region.level === 'county' ? rng.int(1, 2) : rng.int(2, 3) }, () =>
      person(t.deputySecretary),
    );
    const heads = new Map<DepartmentKind, Person>();
    for (const kind of kinds) {
      let title = headTitle(kind, region, dept(kind).name);
      // A deputy head of government also heads the police (as in both documents), so the
      // member list carries the police's executive deputy chief.
      if (kind === 'public_security') title = title.replace(/(厅长|局长)$/, '常务副$1');
      heads.set(kind, person(title));
    }
    const head = (kind: DepartmentKind): Person => heads.get(kind) ?? person(headTitle(kind, region, dept(kind).name));

    const members: CommandMemberSeed[] = [
      { position: 'commander', ...commander },
      { position: 'first_deputy', ...first },
      ...deputies.map((d) => ({ position: 'deputy' as const, ...d })),
      ...kinds.filter((k) => DEPT[k].member).map((k) => ({ position: 'member' as const, ...head(k) })),
    ];

    // As in the notice: the first deputy leads coordination, key projects and supervision;
    // the deputy who heads the police leads prevention; one deputy covers commerce and tourism.
    const leaderOf = (kind: TaskForceKind): Person => {
      const at = (i: number): Person => deputies[i % deputies.length] ?? first;
      switch (kind) {
        case 'coordination': case 'key_project': case 'supervision': return first;
        case 'prevention': return at(0);
        case 'industry': return at(1);
        case 'commerce': case 'culture_tourism': return at(2);
        case 'transport': return at(3);
      }
    };

    const ctx = dutyContext(region);
    const isProvince = region.level === 'province';
    const taskForces: TaskForceSeed[] = taskForceKindsFor(region).map((spec) => {
      const lead = dept(spec.leadDepartmentKind);
      const director = head(spec.leadDepartmentKind);
      const chair = ['coordination', 'key_project', 'supervision'].includes(spec.kind) ? secretary : rng.pick(deputySecretaries);
      const extras = rng
        .shuffle(spec.related.filter((k) => k !== spec.leadDepartmentKind && deptByKind.has(k)))
        .slice(0, rng.int(0, 2))
        .map(head);
      const section = isProvince ? spec.liaisonSection.replace(/科$/, '处') : spec.liaisonSection;
      const rank = isProvince ? '处' : '科';
      const abbr = DEPT[spec.leadDepartmentKind].abbr[isProvince ? 0 : 1];
      const liaison = person(`${ctx.self}${abbr}${section}${rng.chance(0.6) ? `${rank}长` : `副${rank}长`}`);
      const tfMembers: TaskForceMemberSeed[] = [
        { position: 'leader', ...leaderOf(spec.kind) },
        ...[chair, director, ...extras].map((p) => ({ position: 'deputy' as const, ...p })),
        { position: 'office_director', ...director },
        { position: 'liaison_officer', ...liaison },
      ];
      return {
        key: `${region.code}:tf:${spec.kind}`,
        kind: spec.kind,
        name: `${spec.label}${isProvince ? '工作组' : '工作专班'}`,
        sector: spec.sector,
        leadDepartmentKey: lead.key,
        officeLocation: spec.officeNote && !isProvince ? `${lead.name}（${ctx.self}${spec.officeNote}）` : lead.name,
        responsibilities: spec.duties(region.level, ctx),
        members: tfMembers,
      };
    });

    const office = dept('development_reform');
    commands.push({
      key: `${region.code}:command`,
      regionCode: region.code,
      name: `${regionFullName(region, parent)}${MECH}`,
      officeDepartmentKey: office.key,
      officeLocation: office.name,
      members,
      taskForces,
    });
  }
  return { departments, commands };
}
