import type { Sector } from '../modules/whitelist/tables.js';
import { regionShortName } from '../modules/org/data/regions.js';
import type { Random } from './random.js';

/**
 * Made-up names for seed data. Surnames are weighted towards the common ones of Henan so a
 * list of cadres looks plausible; given names are drawn from ordinary characters.
 */
/** Distinct characters of a string, as an array rng.pick can draw from. */
function chars(s: string): readonly string[] {
  return [...new Set(s)];
}

const COMMON_SURNAMES = chars('王李张刘陈杨赵黄周吴徐孙马胡朱郭何罗高林郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文');
const FREQUENT_SURNAMES = chars('王李张刘陈杨赵');
const GIVEN_CHARS = chars(
  '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱香月莺媛瑞凡佳嘉琼勤珍贞莉桂叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可舒思丽峰建国文辉力永健世广志义兴良海山仁波宁贵福生龙元全胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆民友裕河哲江超浩亮政谦奇翰朗伯宏鸣朋斌梁栋维启克伦翔旭鹏泽晨辰建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘',
);

/**
 * People named in the source documents. Seed data must not put real officials' names on
 * made-up posts, so these are redrawn even though some (刘磊, 张磊, 李俊) are common.
 */
const DOCUMENT_NAMES: ReadonlySet<string> = new Set(
  (
    '李湘豫 黄玉国 刘震 尹君 马中虎 王秋杰 钱忠宝 王国庆 薛志勇 苏德超 刘磊 孙国才 霍国防 孔羽 高本山 成忠民 ' +
    '魏培仕 刘建宏 张磊 郭长霖 高本豹 周清磊 高帆 熊枫 李晓凤 王祥轩 娄士强 王虎森 王亚文 杨玉虎 程崇兴 何平山 ' +
    '徐国文 牛广 宋贤强 杨晓伟 黄达飞 陈亚杰 周粤伟 丁冬 于建伟 李俊 张振中 安晓飞 ' +
    '王凯 孙守刚 费东斌 戴柏华 何金平 武国定 顾雪飞 刘玉江 马健 朱鸣 朱海军 赵庆业 赵庚辰 徐强 宋虎振 王振利 ' +
    '姜继鼎 阚全程 李明东 于洋 訾小春'
  ).split(' '),
);

export function isDocumentName(name: string): boolean {
  return DOCUMENT_NAMES.has(name);
}

export function personName(rng: Random): string {
  for (;;) {
    const surname = rng.chance(0.45) ? rng.pick(FREQUENT_SURNAMES) : rng.pick(COMMON_SURNAMES);
    const given = rng.chance(0.3) ? rng.pick(GIVEN_CHARS) : rng.pick(GIVEN_CHARS) + rng.pick(GIVEN_CHARS);
    const name = surname + given;
    if (!DOCUMENT_NAMES.has(name) && given.charAt(0) !== given.charAt(1)) return name;
  }
}

const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139',
  '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '180', '181', '182', '183', '184', '185', '186', '187', '188', '189',
] as const;

/** 11 digits, 13x/15x/18x. */
export function mobilePhone(rng: Random): string {
  let n: string = rng.pick(MOBILE_PREFIXES);
  for (let i = 0; i < 8; i++) n += String(rng.int(0, 9));
  return n;
}

// Trade names (字号) are two characters, one from each list, as most registered names are.
const TRADE_FIRST = chars('恒顺鑫华宏金永瑞丰嘉通盛德隆兴汇豫中天博新富泰安康福祥锦佳宇科创凯昌荣润亚明信正万远汴宋梁大鼎东方长聚益诚和众宝元国广鸿');
const TRADE_SECOND = chars('达通源盛远旺泰丰润安兴发利鑫诚宇昌瑞和鼎辉航晟嘉美成信德升邦海川森浩威力星光华茂达联城捷运峰');

const INDUSTRY_LINES = [
  '机械制造', '食品', '纺织', '化工', '新材料科技', '汽车零部件', '电子科技', '新型建材', '制药', '铝业',
  '钢结构', '农业机械', '包装材料', '服装', '电气设备', '精密铸造', '塑业', '环保科技', '家具', '面业',
  '起重机械', '耐火材料', '电线电缆', '生物科技', '智能装备', '橡胶制品', '木业', '玻璃制品',
] as const;
const INDUSTRY_SUPPORT_LINES = ['供水', '燃气', '热力', '粮油加工', '乳业', '肉类食品', '医疗器械', '防护用品'] as const;
const COMMERCE_LINES = [
  '商贸', '超市连锁', '百货', '医药连锁', '粮油贸易', '电子商务', '汽车销售服务', '餐饮管理', '家电销售',
  '建材市场', '酒店用品', '日用品批发', '服饰', '农资',
] as const;
const COMMERCE_SUPPORT_LINES = ['农产品批发市场', '生鲜超市', '蔬菜批发市场', '粮油购销', '便民连锁', '副食品批发'] as const;
const TRANSPORT_LINES = [
  '物流', '运输', '供应链管理', '冷链物流', '仓储服务', '货运代理', '汽车运输', '快运', '危险货物运输', '多式联运',
] as const;
const TRANSPORT_SUPPORT_LINES = ['城市配送', '生活物资配送', '公共交通', '出租汽车'] as const;
const CULTURE_TOURISM_LINES = [
  '文化旅游发展', '酒店管理', '景区管理', '国际旅行社', '文化传媒', '演艺', '民宿管理', '旅游开发', '文化创意',
  '影视文化', '研学旅行',
] as const;
// Public works are named after the place alone; industrial parks often after their investor too.
const PUBLIC_PROJECT_THEMES = [
  '污水处理厂提标改造', '老旧小区改造', '5G基站建设', '城市快速路', '人民医院新院区', '职业教育园区',
  '集中供热管网改造', '高标准农田建设', '标准化厂房', '综合物流园',
] as const;
const INDUSTRIAL_PROJECT_THEMES = [
  '智能制造产业园', '高端装备制造基地', '冷链物流园', '新能源汽车零部件产业园', '生物医药产业园', '绿色建材产业园',
  '现代农业产业园', '文化旅游综合体', '电子信息产业园', '数据中心', '分布式光伏发电', '农产品加工产业园',
] as const;
const CAPACITY_PRODUCTS = ['新型建材', '精密铸件', '汽车零部件', '食用植物油', '纸制品', '不锈钢制品', '预制菜', '铝合金型材'] as const;

export interface EnterpriseNameOptions {
  /** Supply firms for the city (water, gas, food, distribution) read like what they are. */
  cityOperationSupport?: boolean;
  /** 'project' gives a key-project title (…项目); 'enterprise' a company name. */
  kind?: 'enterprise' | 'project';
}

/**
 * Where the enterprise was registered, as its name says: at city level (开封市…), at county
 * level (兰考县…), or city + district without suffix (开封鼓楼…, 郑州航空港区…).
 */
function placePrefix(rng: Random, cityShortName: string, countyName: string | undefined): string {
  if (!countyName) return rng.chance(0.7) ? `${cityShortName}市` : cityShortName;
  const roll = rng.next();
  if (roll < 0.35) return `${cityShortName}市`;
  if (!countyName.endsWith('区')) return countyName;
  const countyShort = regionShortName(countyName);
  // Zone short names mostly carry their city already (郑州经开区); 航空港区 does not.
  const cityPlusDistrict = countyShort.startsWith(cityShortName) ? countyShort : cityShortName + countyShort;
  const isZone = /(开发区|示范区|实验区|园区|聚集区)$/.test(countyName);
  return isZone || roll < 0.75 ? cityPlusDistrict : `${cityShortName}市${countyName}`;
}

function tradeName(rng: Random): string {
  return rng.pick(TRADE_FIRST) + rng.pick(TRADE_SECOND);
}

/**
 * A registered-looking name: "开封市恒达机械制造有限公司", "兰考县顺通物流有限公司",
 * "开封鼓楼文化旅游发展有限公司", or for a key project "开封市祥符区智能制造产业园项目".
 * countyName is the full county-level name (兰考县, 鼓楼区); omitted, the city is the place.
 */
export function enterpriseName(
  rng: Random,
  sector: Sector,
  cityShortName: string,
  countyName?: string,
  options: EnterpriseNameOptions = {},
): string {
  const place = placePrefix(rng, cityShortName, countyName);
  const support = options.cityOperationSupport === true;
  if (sector === 'key_project' || options.kind === 'project') {
    if (rng.chance(0.25)) {
      const tons = rng.pick([5, 10, 20, 30, 50, 100] as const);
      return `${place}年产${tons}万吨${rng.pick(CAPACITY_PRODUCTS)}项目`;
    }
    if (rng.chance(0.35)) return `${place}${rng.pick(PUBLIC_PROJECT_THEMES)}项目`;
    // Many projects carry their investor's trade name (开封市恒达智能制造产业园项目).
    const investor = rng.chance(0.6) ? tradeName(rng) : '';
    return `${place}${investor}${rng.pick(INDUSTRIAL_PROJECT_THEMES)}项目`;
  }
  let line: string;
  switch (sector) {
    case 'industry':
      line = rng.pick(support ? INDUSTRY_SUPPORT_LINES : INDUSTRY_LINES);
      break;
    case 'commerce':
      line = rng.pick(support ? COMMERCE_SUPPORT_LINES : COMMERCE_LINES);
      break;
    case 'transport':
      line = rng.pick(support ? TRANSPORT_SUPPORT_LINES : TRANSPORT_LINES);
      break;
    case 'culture_tourism':
      line = rng.pick(CULTURE_TOURISM_LINES);
      break;
  }
  const form = sector === 'industry' && rng.chance(0.12) ? '股份有限公司' : '有限公司';
  // Local tourism companies are often named after the place alone (开封鼓楼文化旅游发展有限公司).
  const generic = line === '文化旅游发展' || line === '旅游开发';
  const trade = generic && !place.endsWith('市') && rng.chance(0.5) ? '' : tradeName(rng);
  return `${place}${trade}${line}${form}`;
}

/** Chinese numerals for small counts, used in branch names (第二分公司). */
export function chineseNumeral(n: number): string {
  const digits = '零一二三四五六七八九';
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return digits.charAt(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? '' : digits.charAt(tens)) + '十' + (ones === 0 ? '' : digits.charAt(ones));
}
