import { describe, it, expect } from 'vitest';
import { createRandom } from '../../../seed/random.js';
import { isDocumentName } from '../../../seed/names.js';
import { AIRPORT_ZONE_CODE, HENAN_CODE, JIYUAN_CODE, henanRegions, regionFullName, regionShortName } from './regions.js';
import { DEPARTMENT_KINDS, TASK_FORCE_KINDS, buildOrganisation, departmentName } from './organisation.js';

const regions = henanRegions();
const byCode = new Map(regions.map((r) => [r.code, r] as const));
const org = buildOrganisation(createRandom(20220531), regions);

describe('henanRegions', () => {
  it('has the province, 18 city-level units (17 cities + 济源) and 6-digit codes', () => {
    const province = regions.filter((r) => r.level === 'province');
    expect(province).toEqual([
      { code: HENAN_CODE, name: '河南省', level: 'province', kind: 'admin', parentCode: null, sort: 1 },
    ]);
    const cities = regions.filter((r) => r.level === 'city');
    expect(cities).toHaveLength(18);
    expect(cities.every((c) => c.parentCode === HENAN_CODE)).toBe(true);
    expect(cities.map((c) => c.name)).toContain('济源市');
    expect(regions.every((r) => /^\d{6}$/.test(r.code))).toBe(true);
    expect(new Set(regions.map((r) => r.code)).size).toBe(regions.length);
    // The pseudo-prefecture "省直辖县级行政区划" is gone.
    expect(regions.some((r) => r.code === '419000' || r.name.includes('省直辖'))).toBe(false);
  });

  it('makes 济源 a city-level unit under the province', () => {
    expect(byCode.get(JIYUAN_CODE)).toMatchObject({ name: '济源市', level: 'city', parentCode: HENAN_CODE, kind: 'admin' });
    expect(regions.some((r) => r.parentCode === JIYUAN_CODE)).toBe(false);
  });

  it('gives 开封 its nine county-level units', () => {
    const kaifeng = regions.filter((r) => r.parentCode === '410200');
    expect(kaifeng.map((r) => r.name)).toEqual([
      '龙亭区', '顺河回族区', '鼓楼区', '禹王台区', '祥符区', '杞县', '通许县', '尉氏县', '兰考县',
    ]);
    expect(kaifeng.map((r) => r.sort)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(kaifeng.every((r) => r.level === 'county' && r.kind === 'admin')).toBe(true);
  });

  it('puts 航空港区 under 郑州 as a functional zone, with the other development zones', () => {
    expect(byCode.get(AIRPORT_ZONE_CODE)).toMatchObject({
      name: '郑州航空港经济综合实验区', level: 'county', kind: 'functional', parentCode: '410100',
    });
    expect(byCode.get('410171')?.kind).toBe('functional');
    expect(byCode.get('410105')?.kind).toBe('admin');
    // 156 administrative county-level units below the cities; 济源 counts as a city here.
    expect(regions.filter((r) => r.level === 'county' && r.kind === 'admin')).toHaveLength(156);
  });

  it('shortens names the way people say them', () => {
    expect(regionShortName('开封市')).toBe('开封');
    expect(regionShortName('兰考县')).toBe('兰考');
    expect(regionShortName('鼓楼区')).toBe('鼓楼');
    expect(regionShortName('顺河回族区')).toBe('顺河');
    expect(regionShortName('河南省')).toBe('河南');
    expect(regionShortName('郏县')).toBe('郏县');
    expect(regionShortName('安阳县')).toBe('安阳县');
    expect(regionShortName('郑州航空港经济综合实验区')).toBe('航空港区');
    expect(regionShortName('郑州经济技术开发区')).toBe('郑州经开区');
    expect(regionFullName(byCode.get('410204')!)).toBe('开封市鼓楼区');
    expect(regionFullName(byCode.get('410225')!)).toBe('兰考县');
  });
});

describe('departmentName', () => {
  const kaifeng = byCode.get('410200')!;
  const lankao = byCode.get('410225')!;
  const henan = byCode.get(HENAN_CODE)!;
  it('follows the local naming per level', () => {
    expect(departmentName('development_reform', henan)).toBe('河南省发展和改革委员会');
    expect(departmentName('industry_it', henan)).toBe('河南省工业和信息化厅');
    expect(departmentName('customs', henan)).toBe('郑州海关');
    expect(departmentName('gov_services_big_data', henan)).toBe('河南省行政审批和政务信息管理局');
    expect(departmentName('development_reform', kaifeng)).toBe('开封市发展和改革委员会');
    expect(departmentName('industry_it', kaifeng)).toBe('开封市工业和信息化局');
    expect(departmentName('health', kaifeng)).toBe('开封市卫生健康委员会');
    expect(departmentName('customs', kaifeng)).toBe('开封海关');
    expect(departmentName('gov_services_big_data', kaifeng)).toBe('开封市政务服务和大数据管理局');
    expect(departmentName('supervision_office', kaifeng)).toBe('开封市人民政府督查局');
    expect(departmentName('development_reform', lankao)).toBe('兰考县发展和改革委员会');
    expect(departmentName('development_reform', byCode.get('410204')!)).toBe('开封市鼓楼区发展和改革委员会');
  });
});

describe('buildOrganisation', () => {
  const deptKeys = new Set(org.departments.map((d) => d.key));

  it('gives every region one command, named after it, with its office at development and reform', () => {
    expect(org.commands).toHaveLength(regions.length);
    expect(new Set(org.commands.map((c) => c.regionCode)).size).toBe(regions.length);
    const kaifeng = org.commands.find((c) => c.regionCode === '410200')!;
    expect(kaifeng.name).toBe('开封市常态化疫情防控下经济运行调度机制指挥部');
    expect(kaifeng.officeLocation).toBe('开封市发展和改革委员会');
    expect(kaifeng.officeDepartmentKey).toBe('410200:development_reform');
    expect(org.commands.find((c) => c.regionCode === JIYUAN_CODE)).toBeDefined();
    expect(org.commands.find((c) => c.regionCode === AIRPORT_ZONE_CODE)).toBeDefined();
    for (const c of org.commands) expect(deptKeys.has(c.officeDepartmentKey)).toBe(true);
  });

  it('has eight task forces per city and county command and six working groups at the province', () => {
    for (const c of org.commands) {
      const region = byCode.get(c.regionCode)!;
      if (region.level === 'province') {
        expect(c.taskForces.map((t) => t.name)).toEqual([
          '工业生产工作组', '商贸流通工作组', '交通运输工作组', '文化旅游工作组', '重点项目工作组', '防疫保障工作组',
        ]);
      } else {
        expect(c.taskForces.map((t) => t.kind)).toEqual(TASK_FORCE_KINDS.map((k) => k.kind));
        expect(c.taskForces.every((t) => t.name.endsWith('工作专班'))).toBe(true);
      }
    }
  });

  it('has every lead department in its own region, and offices where the notice puts them', () => {
    for (const c of org.commands) {
      for (const t of c.taskForces) {
        expect(deptKeys.has(t.leadDepartmentKey)).toBe(true);
        expect(t.leadDepartmentKey.startsWith(`${c.regionCode}:`)).toBe(true);
        expect(t.responsibilities.length).toBeGreaterThan(30);
      }
    }
    const kf = org.commands.find((c) => c.regionCode === '410200')!.taskForces;
    const office = (kind: string) => kf.find((t) => t.kind === kind)?.officeLocation;
    expect(office('coordination')).toBe('开封市发展和改革委员会');
    expect(office('industry')).toBe('开封市工业和信息化局');
    expect(office('commerce')).toBe('开封市商务局');
    expect(office('transport')).toBe('开封市交通运输局');
    expect(office('culture_tourism')).toBe('开封市文化广电和旅游局');
    expect(office('key_project')).toBe('开封市发展和改革委员会（市重点办）');
    expect(office('prevention')).toBe('开封市卫生健康委员会');
    expect(office('supervision')).toBe('开封市人民政府督查局');
    expect(kf.find((t) => t.kind === 'supervision')?.responsibilities).toContain('每周五');
    expect(kf.map((t) => t.sector)).toEqual([
      null, 'industry', 'commerce', 'transport', 'culture_tourism', 'key_project', null, null,
    ]);
  });

  it('staffs each task force with one leader, 2–4 deputies, an office director and a liaison officer', () => {
    for (const c of org.commands) {
      for (const t of c.taskForces) {
        const count = (p: string) => t.members.filter((m) => m.position === p).length;
        expect(count('leader')).toBe(1);
        expect(count('deputy')).toBeGreaterThanOrEqual(2);
        expect(count('deputy')).toBeLessThanOrEqual(4);
        expect(count('office_director')).toBe(1);
        expect(count('liaison_officer')).toBe(1);
      }
      const positions = c.members.map((m) => m.position);
      expect(positions.filter((p) => p === 'commander')).toHaveLength(1);
      expect(positions.filter((p) => p === 'first_deputy')).toHaveLength(1);
      expect(positions.filter((p) => p === 'deputy').length).toBeGreaterThanOrEqual(3);
      expect(positions.filter((p) => p === 'member').length).toBeGreaterThanOrEqual(12);
    }
    const henan = org.commands.find((c) => c.regionCode === HENAN_CODE)!;
    expect(henan.members[0]?.title).toBe('省长');
    expect(henan.members.some((m) => m.title === '省发展改革委主任')).toBe(true);
    const kaifeng = org.commands.find((c) => c.regionCode === '410200')!;
    expect(kaifeng.members.some((m) => m.title === '开封海关关长')).toBe(true);
  });

  it('uses no name of a real person from the documents', () => {
    for (const c of org.commands) {
      for (const m of [...c.members, ...c.taskForces.flatMap((t) => t.members)]) {
        expect(isDocumentName(m.name)).toBe(false);
      }
    }
  });

  it('keeps customs and postal at province and city level only, with stable unique keys', () => {
    expect(new Set(org.departments.map((d) => d.key)).size).toBe(org.departments.length);
    const county = org.departments.filter((d) => byCode.get(d.regionCode)?.level === 'county');
    expect(county.some((d) => d.kind === 'customs' || d.kind === 'postal')).toBe(false);
    expect(org.departments.filter((d) => d.regionCode === '410200').map((d) => d.kind)).toEqual([...DEPARTMENT_KINDS]);
  });

  it('is deterministic: same seed, same organisation; another seed, other people', () => {
    const again = buildOrganisation(createRandom(20220531), regions);
    expect(again).toEqual(org);
    const other = buildOrganisation(createRandom(1), regions);
    expect(other.departments).toEqual(org.departments);
    expect(other.commands[0]?.members[0]?.name).not.toBe(org.commands[0]?.members[0]?.name);
  });
});
