import type { ReactNode } from 'react';
import { EnvironmentOutlined, HeartOutlined, LoginOutlined, ApartmentOutlined, AuditOutlined, BarChartOutlined, BranchesOutlined, CheckSquareOutlined, FileSearchOutlined, FileTextOutlined, HomeOutlined, IdcardOutlined, ImportOutlined, OrderedListOutlined, SafetyCertificateOutlined, SafetyOutlined, SendOutlined, TeamOutlined, UnorderedListOutlined, AccountBookOutlined, FileProtectOutlined, FundOutlined, GiftOutlined, MedicineBoxOutlined, AlertOutlined, CarryOutOutlined, ReconciliationOutlined, ClusterOutlined, PieChartOutlined, FormOutlined, MessageOutlined, FieldTimeOutlined, CalendarOutlined, UsergroupAddOutlined, CloudUploadOutlined, ControlOutlined, SolutionOutlined, QrcodeOutlined, NodeIndexOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import type { Messages } from '../i18n/zh-CN';

export interface NavItem {
  key: string;
  path: string;
  labelKey: `menu.${keyof Messages['menu']}`;
  icon: ReactNode;
  /** Permission needed to see and open the page; null: everyone signed in. */
  permission: string | null;
}

export const NAV_ITEMS: NavItem[] = [
  { key: 'home', path: '/', labelKey: 'menu.home', icon: <HomeOutlined />, permission: null },
  { key: 'entProfile', path: '/enterprise/profile', labelKey: 'menu.entProfile', icon: <IdcardOutlined />, permission: 'enterprise.self' },
  { key: 'entApply', path: '/enterprise/apply', labelKey: 'menu.entApply', icon: <SendOutlined />, permission: 'enterprise.self' },
  { key: 'entStatus', path: '/enterprise/status', labelKey: 'menu.entStatus', icon: <FileSearchOutlined />, permission: 'enterprise.self' },
  { key: 'entLinks', path: '/enterprise/links', labelKey: 'menu.entLinks', icon: <BranchesOutlined />, permission: 'enterprise.self' },
  { key: 'wlList', path: '/whitelist', labelKey: 'menu.wlList', icon: <UnorderedListOutlined />, permission: 'whitelist.read' },
  { key: 'wlReview', path: '/whitelist/review', labelKey: 'menu.wlReview', icon: <CheckSquareOutlined />, permission: 'whitelist.review' },
  { key: 'wlCriteria', path: '/whitelist/criteria', labelKey: 'menu.wlCriteria', icon: <FileTextOutlined />, permission: 'whitelist.criteria' },
  { key: 'wlBatches', path: '/whitelist/batches', labelKey: 'menu.wlBatches', icon: <OrderedListOutlined />, permission: 'whitelist.read' },
  { key: 'wlCoverage', path: '/whitelist/coverage', labelKey: 'menu.wlCoverage', icon: <BarChartOutlined />, permission: 'whitelist.read' },
  { key: 'wlImport', path: '/whitelist/import', labelKey: 'menu.wlImport', icon: <ImportOutlined />, permission: 'whitelist.import' },
  { key: 'wlCodeProtection', path: '/whitelist/code-protection', labelKey: 'menu.wlCodeProtection', icon: <SafetyOutlined />, permission: 'whitelist.read' },
  { key: 'polList', path: '/policies', labelKey: 'menu.polList', icon: <FileProtectOutlined />, permission: null },
  { key: 'polMine', path: '/my-policies', labelKey: 'menu.polMine', icon: <GiftOutlined />, permission: 'enterprise.self' },
  { key: 'polMyClaims', path: '/enterprise/booth-claims', labelKey: 'menu.polMyClaims', icon: <MedicineBoxOutlined />, permission: 'enterprise.self' },
  { key: 'polUptake', path: '/policies/uptake', labelKey: 'menu.polUptake', icon: <FundOutlined />, permission: 'policies.uptake' },
  { key: 'polClaims', path: '/policies/booth-claims', labelKey: 'menu.polClaims', icon: <AccountBookOutlined />, permission: 'policies.subsidy' },
  { key: 'tasks', path: '/tasks', labelKey: 'menu.tasks', icon: <CarryOutOutlined />, permission: 'tasks.read' },
  { key: 'supervision', path: '/supervision', labelKey: 'menu.supervision', icon: <AlertOutlined />, permission: 'supervision.reply' },
  { key: 'weeklyReports', path: '/reports/weekly', labelKey: 'menu.weeklyReports', icon: <ReconciliationOutlined />, permission: 'reports.read' },
  { key: 'demandFile', path: '/demands/new', labelKey: 'menu.demandFile', icon: <FormOutlined />, permission: 'demands.file' },
  { key: 'demands', path: '/demands', labelKey: 'menu.demands', icon: <MessageOutlined />, permission: 'demands.read' },
  { key: 'demandIssues', path: '/demands/common-issues', labelKey: 'menu.demandIssues', icon: <ClusterOutlined />, permission: 'demands.dispatch' },
  { key: 'demandSettings', path: '/demands/settings', labelKey: 'menu.demandSettings', icon: <FieldTimeOutlined />, permission: 'demands.dispatch' },
  { key: 'demandCalendar', path: '/demands/calendar', labelKey: 'menu.demandCalendar', icon: <CalendarOutlined />, permission: 'demands.dispatch' },
  { key: 'demandLiaisons', path: '/demands/liaisons', labelKey: 'menu.demandLiaisons', icon: <UsergroupAddOutlined />, permission: 'demands.dispatch' },
  { key: 'demandMetrics', path: '/demands/metrics', labelKey: 'menu.demandMetrics', icon: <PieChartOutlined />, permission: 'demands.supervise' },
  { key: 'prevRoster', path: '/prevention/roster', labelKey: 'menu.prevRoster', icon: <SolutionOutlined />, permission: 'prevention.read' },
  { key: 'prevCompliance', path: '/prevention/compliance', labelKey: 'menu.prevCompliance', icon: <MedicineBoxOutlined />, permission: 'prevention.read' },
  { key: 'prevIngest', path: '/prevention/ingest', labelKey: 'menu.prevIngest', icon: <CloudUploadOutlined />, permission: 'prevention.ingest' },
  { key: 'prevAlerts', path: '/prevention/alerts', labelKey: 'menu.prevAlerts', icon: <AlertOutlined />, permission: 'prevention.read' },
  { key: 'prevDailyReports', path: '/prevention/daily-reports', labelKey: 'menu.prevDailyReports', icon: <HeartOutlined />, permission: 'prevention.read' },
  { key: 'prevArrivals', path: '/prevention/arrivals', labelKey: 'menu.prevArrivals', icon: <LoginOutlined />, permission: 'prevention.read' },
  { key: 'prevRiskAreas', path: '/prevention/risk-areas', labelKey: 'menu.prevRiskAreas', icon: <EnvironmentOutlined />, permission: 'prevention.read' },
  { key: 'prevCases', path: '/prevention/cases', labelKey: 'menu.prevCases', icon: <MedicineBoxOutlined />, permission: 'prevention.read' },
  { key: 'prevSupplies', path: '/prevention/supplies', labelKey: 'menu.prevSupplies', icon: <ReconciliationOutlined />, permission: 'prevention.read' },
  { key: 'prevVenues', path: '/prevention/venues', labelKey: 'menu.prevVenues', icon: <QrcodeOutlined />, permission: 'prevention.read' },
  { key: 'prevTracing', path: '/prevention/tracing', labelKey: 'menu.prevTracing', icon: <NodeIndexOutlined />, permission: 'prevention.read' },
  { key: 'prevPurchases', path: '/prevention/drug-purchases', labelKey: 'menu.prevPurchases', icon: <ShoppingCartOutlined />, permission: 'prevention.read' },
  { key: 'prevRules', path: '/prevention/rules', labelKey: 'menu.prevRules', icon: <ControlOutlined />, permission: 'prevention.read' },
  { key: 'org', path: '/org', labelKey: 'menu.org', icon: <ApartmentOutlined />, permission: 'org.read' },
  { key: 'users', path: '/admin/users', labelKey: 'menu.users', icon: <TeamOutlined />, permission: 'users.manage' },
  {
    key: 'security',
    path: '/admin/security',
    labelKey: 'menu.security',
    icon: <SafetyCertificateOutlined />,
    permission: 'security.manage',
  },
  { key: 'audit', path: '/admin/audit', labelKey: 'menu.audit', icon: <AuditOutlined />, permission: 'audit.read' },
];

export const NAV_GROUPS = ['enterprise', 'whitelist', 'policies', 'demands', 'tasks', 'prevention', 'admin'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

/** The menu section of an item (by module), so a long menu reads as a few groups; the home page stands alone. */
export function groupOf(item: NavItem): NavGroup | null {
  const k = item.key;
  if (k === 'home') return null;
  if (k.startsWith('ent')) return 'enterprise';
  if (k.startsWith('wl')) return 'whitelist';
  if (k.startsWith('pol')) return 'policies';
  if (k.startsWith('demand')) return 'demands';
  if (k === 'tasks' || k === 'supervision' || k === 'weeklyReports') return 'tasks';
  if (k.startsWith('prev')) return 'prevention';
  return 'admin';
}

export function canSee(item: NavItem, permissions: readonly string[]): boolean {
  return item.permission === null || permissions.includes(item.permission);
}

/** The menu key for a location: the longest item path that prefixes it. */
export function navKeyFor(pathname: string): string | undefined {
  let best: NavItem | undefined;
  for (const item of NAV_ITEMS) {
    const matches = item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (matches && (!best || item.path.length > best.path.length)) best = item;
  }
  return best?.key;
}
