import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCase, useCaseAction, usePoints, type CaseAction, type CaseDetail } from '../../api/prevention-care';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import { CaseStateTag } from './care-shared';

/** Actions that close the case: asked for confirmation (nothing undoes them). */
const CLOSING: readonly CaseAction[] = ['retest_positive', 'daily_positive', 'return_to_post'];
const DANGER: readonly CaseAction[] = ['retest_positive', 'daily_positive'];

function ActionModal({ c, action, onClose }: { c: CaseDetail; action: CaseAction; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ observationPointId?: string; note?: string }>();
  const act = useCaseAction();
  const points = usePoints({ enterpriseId: c.enterpriseId, page: 1, pageSize: 100 });
  const showError = useShowError();
  const { message } = App.useApp();
  return (
    <Modal
      open title={t(`prevCare.action.${action}`)} onCancel={onClose} onOk={() => form.submit()} confirmLoading={act.isPending}
      okButtonProps={{ danger: DANGER.includes(action), 'data-testid': 'case-action-submit' }}
    >
      {CLOSING.includes(action) && <Alert type="warning" showIcon title={t('prevCare.cases.confirmIrreversible')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => act.mutate({ id: c.id, action, observationPointId: v.observationPointId ?? null, note: v.note?.trim() || null }, { onSuccess: () => { void message.success(t('prevCare.cases.done')); onClose(); }, onError: (err) => showError(err, form) })}>
        {action === 'observe' && (
          <Form.Item name="observationPointId" label={t('prevCare.cases.point')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('prevCare.cases.point') }) }]}>
            <Select
              placeholder={t('prevCare.cases.pickPoint')} loading={points.isFetching} data-testid="point-picker"
              options={(points.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${t('prevCare.cases.rooms', { free: p.free, rooms: p.rooms })}）`, disabled: p.free <= 0 }))}
            />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('prevCare.cases.note')}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
      </Form>
    </Modal>
  );
}

export default function CaseDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const q = useCase(id);
  const [acting, setActing] = useState<CaseAction | null>(null);
  if (q.error && !q.data) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="prevention-case-page">
      <Link to="/prevention/cases"><ArrowLeftOutlined /> {t('prevCare.cases.back')}</Link>
      <Card
        loading={q.isLoading} title={c ? <Space>{c.name}<CaseStateTag state={c.state} /></Space> : t('prevCare.cases.title')}
        extra={c && (
          <Space wrap>
            {c.actions.map((a) => (
              <Button key={a} type={a === 'return_to_post' || a === 'observe' ? 'primary' : 'default'} danger={DANGER.includes(a)} onClick={() => setActing(a)} data-testid={`case-action-${a}`}>{t(`prevCare.action.${a}`)}</Button>
            ))}
          </Space>
        )}
      >
        {c && (
          <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
            <Descriptions.Item label={t('prev.field.enterprise')}>{c.enterpriseName}</Descriptions.Item>
            <Descriptions.Item label={t('prev.field.region')}>{c.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('prev.field.idCard')}>{c.idCardMasked}</Descriptions.Item>
            <Descriptions.Item label={t('prevCare.cases.flaggedAt')}>{formatTime(c.flaggedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('prevCare.cases.point')}>{c.observationPointName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('prevCare.cases.observedAt')}>{formatTime(c.observedAt) || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('prevCare.cases.retestDue')}>
              {c.retestDueAt ? <Space size={4}>{formatTime(c.retestDueAt)}{c.retestOverdue && <Tag color="red">{t('prevCare.cases.overdue')}</Tag>}</Space> : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('prevCare.cases.quiet')}>{c.quietStartedAt ? t('prevCare.cases.quietProgress', { done: c.quietTests, days: c.quietPeriodDays }) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('prevCare.cases.closedAt')}>{formatTime(c.closedAt) || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('prevCare.cases.reason')} span={3}>{c.reason ?? <Typography.Text type="secondary">{t('prevCare.cases.healthHidden')}</Typography.Text>}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Card title={t('prevCare.cases.timeline')} loading={q.isLoading}>
        {c && (
          <Timeline
            data-testid="case-timeline"
            items={c.events.map((e) => ({
              color: e.toState === 'confirmed' ? 'red' : e.toState === 'returned' ? 'green' : 'blue',
              children: (
                <Space direction="vertical" size={0}>
                  <Space>{t(`prevCare.action.${e.action as CaseAction | 'flag'}`)}<CaseStateTag state={e.toState} /></Space>
                  <Typography.Text type="secondary">{formatTime(e.at)} · {e.actorName ?? '—'}</Typography.Text>
                  {e.note && <Typography.Text>{e.note}</Typography.Text>}
                </Space>
              ),
            }))}
          />
        )}
      </Card>
      {c && acting && <ActionModal c={c} action={acting} onClose={() => setActing(null)} />}
    </Space>
  );
}
