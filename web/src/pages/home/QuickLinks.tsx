import { Card, Col, Row, Typography, theme } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { NAV_ITEMS, canSee } from '../../layout/nav';

/** Shortcuts to the pages the user may open (the home page itself left out). */
export function QuickLinks({ permissions }: { permissions: string[] }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const links = NAV_ITEMS.filter((item) => item.key !== 'home' && canSee(item, permissions));
  const all = [
    ...links.map((item) => ({ key: item.key, path: item.path, icon: item.icon, label: t(item.labelKey) })),
    { key: 'password', path: '/account/password', icon: <KeyOutlined />, label: t('header.changePassword') },
  ];

  return (
    <Card title={t('home.quickLinks')} style={{ height: '100%' }} data-testid="home-quick-links">
      <Row gutter={[12, 12]}>
        {all.map((link) => (
          <Col key={link.key} xs={12} md={8}>
            <Link to={link.path} data-testid={`home-link-${link.key}`}>
              <Card size="small" hoverable styles={{ body: { padding: '14px 12px' } }}>
                <Typography.Text style={{ color: token.colorPrimary }}>
                  {link.icon} <span style={{ marginInlineStart: 6 }}>{link.label}</span>
                </Typography.Text>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
