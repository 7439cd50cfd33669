import type { ReactNode } from 'react';
import { Card, Col, Flex, Row, Statistic, Typography, theme } from 'antd';
import {
  ApartmentOutlined,
  BankOutlined,
  ClusterOutlined,
  EnvironmentOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useOrgSummary } from '../../api/org';
import type { OrgSummary } from '../../api/types';
import { QueryError } from '../../components/QueryError';

const STATS: { key: keyof OrgSummary; icon: ReactNode; color: string }[] = [
  { key: 'regions', icon: <EnvironmentOutlined />, color: '#1d4ed8' },
  { key: 'commands', icon: <BankOutlined />, color: '#b91c1c' },
  { key: 'taskForces', icon: <ClusterOutlined />, color: '#c2410c' },
  { key: 'departments', icon: <ApartmentOutlined />, color: '#0f766e' },
  { key: 'users', icon: <TeamOutlined />, color: '#7c3aed' },
  { key: 'enterprises', icon: <ShopOutlined />, color: '#0369a1' },
];

/** Counts in the user's scope (GET /api/org/summary). */
export function SummaryCards({ regionName }: { regionName: string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const summary = useOrgSummary();

  return (
    <Card
      title={t('home.summaryTitle')}
      extra={<Typography.Text type="secondary">{t('home.summaryScope', { region: regionName })}</Typography.Text>}
      data-testid="home-summary"
    >
      {summary.error ? (
        <QueryError error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          {STATS.map((stat) => (
            <Col key={stat.key} xs={12} md={8} xxl={4}>
              <Card size="small" variant="outlined" style={{ background: token.colorFillQuaternary }}>
                <Flex align="center" gap={14}>
                  <Flex
                    align="center"
                    justify="center"
                    style={{
                      width: 44,
                      height: 44,
                      borderRadius: 10,
                      fontSize: 22,
                      color: stat.color,
                      background: `${stat.color}14`,
                      flexShrink: 0,
                    }}
                  >
                    {stat.icon}
                  </Flex>
                  <Statistic
                    title={t(`home.stats.${stat.key}`)}
                    value={summary.data?.[stat.key] ?? 0}
                    loading={summary.isPending}
                    data-testid={`home-stat-${stat.key}`}
                  />
                </Flex>
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
