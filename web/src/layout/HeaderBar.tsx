import { Avatar, Button, Divider, Flex, Space, Tag, Tooltip, Typography, theme } from 'antd';
import { KeyOutlined, LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { NotificationBell } from '../components/NotificationBell';
import { useLogoutAction } from './useLogout';

interface Props {
  me: Me;
  /** absent in the forced (password / TOTP) layout, which has no menu */
  collapsed?: boolean;
  onToggle?: () => void;
  showChangePassword?: boolean;
  /** absent while a password change or TOTP enrolment is pending (the API refuses it then) */
  showNotifications?: boolean;
}

export function HeaderBar({ me, collapsed, onToggle, showChangePassword = true, showNotifications = true }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { logout, pending } = useLogoutAction();
  const navigate = useNavigate();

  return (
    <Flex align="center" justify="space-between" gap={16} style={{ height: '100%' }}>
      <Flex align="center" gap={8} style={{ minWidth: 0 }}>
        {onToggle && (
          <Tooltip title={collapsed ? t('header.expand') : t('header.collapse')}>
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={onToggle}
              data-testid="sider-toggle"
              aria-label={collapsed ? t('header.expand') : t('header.collapse')}
            />
          </Tooltip>
        )}
        <Typography.Title level={4} ellipsis style={{ margin: 0, color: token.colorPrimary }} data-testid="header-title">
          {t('app.title')}
        </Typography.Title>
      </Flex>
      <Space size={4} separator={<Divider orientation="vertical" />} style={{ flexShrink: 0 }}>
        <Space size={8} data-testid="header-user">
          <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: token.colorPrimary }} />
          <Typography.Text strong data-testid="header-user-name">
            {me.displayName}
          </Typography.Text>
          <Tag color="blue" bordered={false} data-testid="header-region" style={{ marginInlineEnd: 0 }}>
            {me.regionName}
          </Tag>
          <Tag color="geekblue" bordered={false} data-testid="header-role" style={{ marginInlineEnd: 0 }}>
            {me.roleName}
          </Tag>
        </Space>
        {showNotifications && <NotificationBell />}
        <LanguageSwitch />
        {showChangePassword && (
          <Button
            type="text"
            icon={<KeyOutlined />}
            onClick={() => void navigate('/account/password')}
            data-testid="header-change-password"
          >
            {t('header.changePassword')}
          </Button>
        )}
        <Button type="text" danger icon={<LogoutOutlined />} onClick={logout} loading={pending} data-testid="header-logout">
          {t('header.logout')}
        </Button>
      </Space>
    </Flex>
  );
}
