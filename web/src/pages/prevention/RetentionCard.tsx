import { Card, Descriptions, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRetention, type Retention } from '../../api/prevention-care';
import { QueryError } from '../../components/QueryError';
import { formatTime } from '../../lib/time';

type Target = Retention['targets'][number];

/** The retention window (PIPL) and what the daily job did last time, on the prevention rules page. */
export function RetentionCard() {
  const { t } = useTranslation();
  const q = useRetention();
  if (q.error && !q.data) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;
  const rows: (Target & { count: number | null })[] = r ? [...r.targets.map((x) => ({ ...x, count: r.lastRun?.counts[x.name] ?? null })), { name: 'roster_of_ended_enterprises', table: 'prevention_employees', action: 'delete' as const, count: r.lastRun?.counts.roster_of_ended_enterprises ?? null }] : [];
  return (
    <Card title={t('prevCare.retention.title')} loading={q.isLoading} data-testid="retention-card">
      {r && (
        <>
          <Typography.Paragraph type="secondary">{t('prevCare.retention.intro', { days: r.retentionDays, grace: r.rosterGraceDays })}</Typography.Paragraph>
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('prevCare.retention.lastRun')}>{r.lastRun ? formatTime(r.lastRun.ranAt) : t('prevCare.retention.never')}</Descriptions.Item>
          </Descriptions>
          <Table<Target & { count: number | null }>
            rowKey="name" size="small" pagination={false} dataSource={rows}
            columns={[
              { title: t('prevCare.retention.target'), dataIndex: 'name', render: (v: string, x) => <span>{v} <Typography.Text type="secondary">({x.table})</Typography.Text></span> },
              { title: t('prevCare.retention.action'), dataIndex: 'action', width: 120, render: (a: Target['action']) => <Tag color={a === 'delete' ? 'red' : 'blue'}>{t(`prevCare.retention.${a}`)}</Tag> },
              { title: t('prevCare.retention.count'), dataIndex: 'count', width: 160, align: 'right', render: (n: number | null) => (n === null ? '—' : n.toLocaleString()) },
            ]}
          />
        </>
      )}
    </Card>
  );
}
