import type { Sector, TaxCreditRating } from '../modules/whitelist/tables.js';
import { henanParentOf, regionShortName, type RegionSeed } from '../modules/org/data/regions.js';
import { chineseNumeral, enterpriseName, mobilePhone, personName } from './names.js';
import type { Random } from './random.js';
import { generateUscc } from './uscc.js';

export interface EnterpriseSeed {
  /** Stable per index: the first n enterprises of a seed are the same whatever the count. */
  key: string;
  name: string;
  uscc: string;
  kind: 'enterprise' | 'project' | 'park';
  sector: Sector;
  cityOperationSupport: boolean;
  regionCode: string;
  legalRepresentative: string;
  contactName: string;
  contactPhone: string;
  employees: number;
  /** Output value, or investment for a project, in integer fen; stays far below 2^53. */
  outputValueFen: number;
  dormitoryCapacity: number;
  closedLoopCapacity: number;
  hasPreventionPlan: boolean;
  taxCreditRating: TaxCreditRating | null;
  taxArrears: boolean;
}

/**
 * Henan's comprehensive bonded zones (综合保税区). Each may join the whitelist as one park
 * unit, so each appears at most once. 开封's zone lies in the former 金明区, merged into
 * 龙亭区 in 2014; 洛阳's in its high-tech zone.
 */
export const BONDED_ZONES: readonly { name: string; regionCode: string }[] = [
  { name: '郑州新郑综合保税区', regionCode: '410173' },
  { name: '郑州经开综合保税区', regionCode: '410171' },
  { name: '开封综合保税区', regionCode: '410202' },
  { name: '洛阳综合保税区', regionCode: '410371' },
  { name: '南阳卧龙综合保税区', regionCode: '411303' },
];

const SECTOR_MIX: readonly (readonly [Sector, number])[] = [
  ['industry', 0.4],
  ['commerce', 0.25],
  ['transport', 0.12],
  ['culture_tourism', 0.08],
  ['key_project', 0.15],
];

interface SectorProfile {
  /** Median output value (investment) in yuan, and the spread of its logarithm. */
  medianYuan: number;
  sigma: number;
  /**
   * Output value per employee and year in yuan, to derive a head count; small firms are far
   * less productive than the statistics' averages, and the plan (5 million staff in 50,000
   * enterprises) wants a mean near 100.
   */
  yuanPerEmployee: number;
  /** Chance of being a city operation support firm (water, gas, food, distribution). */
  support: number;
  /** Dormitory beds per employee, as a range. */
  dorm: readonly [number, number];
}

// Medians put the typical enterprise near 3 million yuan; sigma ≈ 1.5 gives the long tail
// (a handful of enterprises above 10 billion fen in a province-sized set).
const PROFILE: Readonly<Record<Sector, SectorProfile>> = {
  industry: { medianYuan: 5e6, sigma: 1.6, yuanPerEmployee: 2e5, support: 0.06, dorm: [0.3, 1.1] },
  commerce: { medianYuan: 2.5e6, sigma: 1.5, yuanPerEmployee: 3e5, support: 0.2, dorm: [0.05, 0.5] },
  transport: { medianYuan: 2e6, sigma: 1.4, yuanPerEmployee: 1.5e5, support: 0.15, dorm: [0.1, 0.6] },
  culture_tourism: { medianYuan: 1.2e6, sigma: 1.4, yuanPerEmployee: 1e5, support: 0.01, dorm: [0.2, 0.8] },
  key_project: { medianYuan: 1.5e8, sigma: 1.0, yuanPerEmployee: 5e5, support: 0.03, dorm: [0.5, 1.2] },
};

/**
 * Tax status from the credit code alone (FNV-1a), so adding it drew nothing from the generator
 * and every other seeded value stayed as it was. Roughly the published shares of Henan's
 * ratings: A 30 %, B 45 %, M 15 %, C 5 %, D 3 %, none 2 %; about 5 % in arrears (every D, a third of C).
 */
export function seedTaxStatus(uscc: string): { taxCreditRating: TaxCreditRating | null; taxArrears: boolean } {
  let h = 0x811c9dc5;
  for (let i = 0; i < uscc.length; i++) h = Math.imul(h ^ uscc.charCodeAt(i), 0x01000193) >>> 0;
  const x = (h % 1000) / 1000;
  const taxCreditRating: TaxCreditRating | null = x < 0.3 ? 'A' : x < 0.75 ? 'B' : x < 0.9 ? 'M' : x < 0.95 ? 'C' : x < 0.98 ? 'D' : null;
  return { taxCreditRating, taxArrears: taxCreditRating === 'D' || (taxCreditRating === 'C' && (h >>> 10) % 3 === 0) };
}

/** Keeps even an extreme draw well inside Number.MAX_SAFE_INTEGER (≈ 9.0e15 fen). */
const MAX_OUTPUT_FEN = 5e14;

/**
 * The regions enterprises are registered in: county-level units, plus city-level units with
 * no county below them in the list (济源).
 */
export function enterpriseTargetRegions(regions: readonly RegionSeed[]): RegionSeed[] {
  const parents = new Set(regions.map((r) => r.parentCode));
  return regions.filter((r) => r.level === 'county' || (r.level === 'city' && !parents.has(r.code)));
}

function regionWeight(r: RegionSeed): number {
  if (r.level === 'city') return 3;
  if (r.kind === 'functional') return 1.5;
  return r.name.endsWith('市') ? 1.3 : 1;
}

function clampInt(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(v)));
}

/**
 * count enterprises spread over the given regions (use enterpriseTargetRegions). Sector mix
 * about 40/25/12/8/15 %, ~10 % city operation support, bonded zones as park units where their
 * region is among the targets. Names and codes are unique within the set.
 */
export function generateEnterprises(rng: Random, regions: readonly RegionSeed[], count: number): EnterpriseSeed[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer: ${count}`);
  if (regions.length === 0) {
    if (count === 0) return [];
    throw new RangeError('no regions to place enterprises in');
  }
  const known = new Map(regions.map((r) => [r.code, r] as const));
  const cumulative: number[] = [];
  let total = 0;
  for (const r of regions) cumulative.push((total += regionWeight(r)));
  const pickRegion = (): RegionSeed => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return regions[lo]!;
  };
  const pickSector = (): Sector => {
    let x = rng.next();
    for (const [s, p] of SECTOR_MIX) if ((x -= p) < 0) return s;
    return 'industry';
  };
  const freeZones = BONDED_ZONES.filter((z) => known.has(z.regionCode));
  const names = new Set<string>();
  const codes = new Set<string>();
  const out: EnterpriseSeed[] = [];

  for (let i = 0; i < count; i++) {
    const parkRoll = rng.chance(1 / 200);
    const zone = parkRoll && freeZones.length > 0 ? freeZones.splice(rng.int(0, freeZones.length - 1), 1)[0] : undefined;
    const region = zone ? known.get(zone.regionCode)! : pickRegion();
    const sector: Sector = zone ? 'industry' : pickSector();
    const kind: EnterpriseSeed['kind'] = zone ? 'park' : sector === 'key_project' ? 'project' : 'enterprise';
    const profile = PROFILE[sector];
    const cityOperationSupport = kind !== 'park' && rng.chance(profile.support);

    const city = region.level === 'city' ? region : henanParentOf(region, region.parentCode ? known.get(region.parentCode) : undefined);
    const cityShort = regionShortName((city ?? region).name);
    const countyName = region.level === 'county' ? region.name : undefined;
    let name = zone?.name ?? '';
    for (let attempt = 0; !zone && attempt < 20 && (name === '' || names.has(name)); attempt++) {
      name = enterpriseName(rng, sector, cityShort, countyName, { cityOperationSupport, kind: kind === 'project' ? 'project' : 'enterprise' });
    }
    // A name space of a few thousand per place runs out in big sets: branches and phases are
    // how real registers disambiguate.
    for (let n = 2; names.has(name); n++) {
      const base = name.replace(/(第[一二三四五六七八九十\d]+分公司|[一二三四五六七八九十\d]+期项目)$/, kind === 'project' ? '项目' : '');
      name = kind === 'project' ? base.replace(/项目$/, `${chineseNumeral(n)}期项目`) : `${base}第${chineseNumeral(n)}分公司`;
    }
    names.add(name);

    let uscc = generateUscc(rng, region.code);
    while (codes.has(uscc)) uscc = generateUscc(rng, region.code);
    codes.add(uscc);

    const medianYuan = zone ? 2e10 : profile.medianYuan;
    const sigma = zone ? 0.8 : profile.sigma;
    const yuan = rng.logNormal(Math.log(medianYuan), sigma);
    // Whole yuan: statistics are reported in yuan (or 万元), never in fen.
    const outputValueFen = Math.min(MAX_OUTPUT_FEN, Math.max(1e6, Math.round(yuan) * 100));
    const perEmployee = (zone ? 1.5e6 : profile.yuanPerEmployee) * rng.logNormal(0, 0.5);
    const employees = zone
      ? clampInt(outputValueFen / 100 / perEmployee, 1000, 400_000)
      : clampInt(outputValueFen / 100 / perEmployee, kind === 'project' ? 10 : 3, 300_000);
    const [dLo, dHi] = profile.dorm;
    const dormitoryCapacity = rng.chance(0.15) ? 0 : clampInt(employees * (dLo + rng.next() * (dHi - dLo)), 0, 1_000_000);
    // Closed-loop production needs beds on site; without a dormitory only a skeleton crew can stay.
    const closedLoopCapacity =
      dormitoryCapacity === 0
        ? clampInt(employees * rng.next() * 0.3, 0, employees)
        : clampInt(Math.min(dormitoryCapacity, employees) * (0.8 + rng.next() * 0.2), 0, employees);
    const hasPreventionPlan = rng.chance(employees >= 100 ? 0.95 : 0.8);

    out.push({
      key: `ent-${String(i + 1).padStart(6, '0')}`,
      name,
      uscc,
      kind,
      sector,
      cityOperationSupport,
      regionCode: region.code,
      legalRepresentative: personName(rng),
      contactName: personName(rng),
      contactPhone: mobilePhone(rng),
      employees,
      outputValueFen,
      dormitoryCapacity,
      closedLoopCapacity,
      hasPreventionPlan,
      ...seedTaxStatus(uscc),
    });
  }
  return out;
}
