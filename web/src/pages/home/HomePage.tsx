import { Card, Col, Descriptions, Flex, Row, Space, Tag, Typography, theme } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/auth';
import type { Me } from '../../api/types';
import { SummaryCards } from './SummaryCards';
import { QuickLinks } from './QuickLinks';
import { GuaranteesCard } from './GuaranteesCard';

function isGovernmentUser(me: Me): boolean {
  return me.role !== 'enterprise_user' && me.enterpriseId === null;
}

export default function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { token } = theme.useToken();
  const government = isGovernmentUser(me);

  const unitItems = [
    me.departmentName ? { key: 'department', label: t('home.department'), children: me.departmentName } : null,
    me.taskForceName ? { key: 'taskForce', label: t('home.taskForce'), children: me.taskForceName } : null,
    me.enterpriseName ? { key: 'enterprise', label: t('home.enterprise'), children: me.enterpriseName } : null,
  ].filter((item): item is { key: string; label: string; children: string } => item !== null);

  return (
    <Flex vertical gap={16} data-testid="home-page">
      <Card
        data-testid="home-welcome"
        styles={{ body: { padding: 28 } }}
        style={{ background: `linear-gradient(120deg, ${token.colorPrimaryBg} 0%, #ffffff 70%)` }}
      >
        <Flex justify="space-between" align="flex-start" gap={24} wrap>
          <Space orientation="vertical" size={6}>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="home-welcome-title">
              {t('home.welcome', { name: me.displayName })}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </Space>
          <Tag
            icon={<SafetyCertificateOutlined />}
            color={me.totpEnabled ? 'success' : 'default'}
            style={{ padding: '4px 10px', fontSize: 13 }}
            data-testid="home-totp-status"
          >
            {t('home.totp')}: {me.totpEnabled ? t('home.totpOn') : t('home.totpOff')}
          </Tag>
        </Flex>
        <Descriptions
          style={{ marginTop: 20 }}
          column={{ xs: 1, md: 2, xl: 4 }}
          size="small"
          items={[
            { key: 'role', label: t('home.role'), children: <span data-testid="home-role">{me.roleName}</span> },
            { key: 'region', label: t('home.region'), children: <span data-testid="home-region">{me.regionName}</span> },
            ...unitItems.map((item) => ({ ...item, children: <span data-testid={`home-${item.key}`}>{item.children}</span> })),
          ]}
        />
      </Card>

      {government ? (
        <SummaryCards regionName={me.regionName} />
      ) : (
        <Card data-testid="home-enterprise-notice">
          <Typography.Text>{t('home.enterpriseNotice')}</Typography.Text>
        </Card>
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <QuickLinks permissions={me.permissions} />
        </Col>
        <Col xs={24} xl={12}>
          <GuaranteesCard />
        </Col>
      </Row>
    </Flex>
  );
}
