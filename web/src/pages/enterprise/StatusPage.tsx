import { Button, Card, Descriptions, Empty, Space, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useMyApplication } from '../../api/whitelist';
import { QueryError } from '../../components/QueryError';
import { formatTime } from '../../lib/time';
import { AppStatusTag, ConditionResults, HistoryTimeline, ListingTag } from '../whitelist/shared';

export default function StatusPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const data = useMyApplication();
  if (data.error) return <QueryError error={data.error} onRetry={() => void data.refetch()} />;
  if (!data.data) return <Spin />;
  const { application: a, canApply, listingStatus, history } = data.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="ent-status-page">
      <Card
        title={t('wl.status.current')}
        extra={
          canApply && (
            <Button type="primary" onClick={() => navigate('/enterprise/apply')} data-testid="status-reapply">
              {a ? t('wl.status.reapply') : t('wl.status.goApply')}
            </Button>
          )
        }
      >
        {a ? (
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="status-application">
            <Descriptions.Item label={t('wl.field.appStatus')}>
              <AppStatusTag status={a.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('wl.field.status')}>
              <ListingTag status={listingStatus} />
            </Descriptions.Item>
            <Descriptions.Item label={t('wl.field.submittedAt')}>{formatTime(a.submittedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('wl.field.round')}>{a.round}</Descriptions.Item>
            <Descriptions.Item label={t('wl.status.decision')} span={2}>
              <span data-testid="status-decision">{a.decisionReason ?? t('common.none')}</span>
              {a.decidedBy && ` — ${a.decidedBy} ${formatTime(a.decidedAt)}`}
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <Empty description={t('wl.status.none')} />
        )}
        {a?.checkResult && (
          <div style={{ marginTop: 16 }}>
            <ConditionResults evaluation={a.checkResult} testId="status-conditions" />
          </div>
        )}
      </Card>
      <Card title={t('wl.common.history')}>
        <HistoryTimeline history={history} testId="status-history" />
      </Card>
    </Space>
  );
}
