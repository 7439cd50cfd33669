import type { ReactNode } from 'react';
import { ApartmentOutlined, AuditOutlined, BarChartOutlined, BranchesOutlined, CheckSquareOutlined, FileSearchOutlined, FileTextOutlined, HomeOutlined, IdcardOutlined, ImportOutlined, OrderedListOutlined, SafetyCertificateOutlined, SafetyOutlined, SendOutlined, TeamOutlined, UnorderedListOutlined } from '@ant-design/icons';
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
