import { useMemo, useState } from 'react';
import { Layout, Menu, Typography, theme, type MenuProps } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../api/auth';
import { forcedPath } from '../components/RequireAuth';
import { HeaderBar } from './HeaderBar';
import { NAV_GROUPS, NAV_ITEMS, canSee, groupOf, navKeyFor, type NavItem } from './nav';

const SIDER_COLLAPSED_KEY = 'sibao.siderCollapsed';

/** The signed-in shell. While a password change or TOTP enrolment is pending, no menu is shown. */
export function AppLayout() {
  const me = useCurrentUser();
  const forced = forcedPath(me) !== null;
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(() => window.localStorage.getItem(SIDER_COLLAPSED_KEY) === '1');

  const toggle = () => {
    setCollapsed((c) => {
      window.localStorage.setItem(SIDER_COLLAPSED_KEY, c ? '0' : '1');
      return !c;
    });
  };

  const items = useMemo(() => {
    const visible = NAV_ITEMS.filter((item) => canSee(item, me.permissions));
    const entry = (item: NavItem) => ({
      key: item.key,
      icon: item.icon,
      label: <span data-testid={`menu-${item.key}`}>{t(item.labelKey)}</span>,
      onClick: () => void navigate(item.path),
    });
    const out: MenuProps['items'] = visible.filter((item) => groupOf(item) === null).map(entry);
    for (const group of NAV_GROUPS) {
      const children = visible.filter((item) => groupOf(item) === group).map(entry);
      if (children.length) out.push({ type: 'group', key: `group-${group}`, label: collapsed ? null : t(`menuGroup.${group}`), children });
    }
    return out;
  }, [me.permissions, navigate, t, collapsed]);
  const selected = navKeyFor(location.pathname);

  const header = (
    <Layout.Header
      style={{
        background: token.colorBgContainer,
        padding: '0 24px 0 12px',
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        position: 'sticky',
        top: 0,
        zIndex: 100,
      }}
    >
      <HeaderBar me={me} collapsed={collapsed} onToggle={forced ? undefined : toggle} showChangePassword={!forced} showNotifications={!forced} />
    </Layout.Header>
  );

  const content = (
    <Layout.Content style={{ padding: 24, minWidth: 0 }}>
      <Outlet />
    </Layout.Content>
  );

  if (forced) {
    return (
      <Layout style={{ minHeight: '100vh' }} data-testid="layout-forced">
        {header}
        {content}
      </Layout>
    );
  }

  return (
    <Layout style={{ minHeight: '100vh' }} data-testid="layout-main">
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        trigger={null}
        width={216}
        collapsedWidth={64}
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        data-testid="sider"
      >
        <div
          style={{
            height: 64,
            display: 'flex',
            alignItems: 'center',
            justifyContent: collapsed ? 'center' : 'flex-start',
            gap: 10,
            padding: collapsed ? 0 : '0 20px',
          }}
        >
          <span
            aria-hidden
            style={{
              width: 28,
              height: 28,
              borderRadius: 6,
              background: token.colorPrimary,
              color: '#fff',
              display: 'inline-flex',
              alignItems: 'center',
              justifyContent: 'center',
              fontWeight: 700,
              flexShrink: 0,
            }}
          >
            四
          </span>
          {!collapsed && (
            <Typography.Text strong ellipsis style={{ color: '#fff', fontSize: 16 }}>
              {t('app.shortTitle')}
            </Typography.Text>
          )}
        </div>
        <Menu theme="dark" mode="inline" items={items} selectedKeys={selected ? [selected] : []} data-testid="menu" />
      </Layout.Sider>
      <Layout style={{ minWidth: 0 }}>
        {header}
        {content}
      </Layout>
    </Layout>
  );
}
