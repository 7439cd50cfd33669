import { useState } from 'react';
import { App, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, Modal, Popconfirm, Radio, Rate, Select, Space, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { AttachmentsCard } from '../../components/AttachmentsCard';
import { useParams } from 'react-router-dom';
import { useDemand, useDemandAction, useUnits, type Demand, type DemandAction } from '../../api/demands';
import { QueryError } from '../../components/QueryError';
import { FullPageSpin } from '../../components/FullPageSpin';
import { useShowError } from '../../lib/errors';
import { formatTime, pickedToUtcIso } from '../../lib/time';
import { DemandTags } from './shared';
import { GatherIssueModal } from './GatherIssueModal';
import { ContactPhone } from './ContactPhone';
import { useCurrentUser } from '../../api/auth';

interface DialogValues {
  unit?: string;
  complex?: boolean;
  deadline?: Dayjs;
  note?: string;
  major?: boolean;
  rating?: number;
  solved?: boolean;
}
/** Actions whose note is required by the server. */
const NOTE_REQUIRED: DemandAction[] = ['send_back', 'progress', 'answer', 'escalate', 'hand_down'];

function ActionDialog({ d, action, onClose }: { d: Demand; action: DemandAction; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DialogValues>();
  const { message } = App.useApp();
  const showError = useShowError();
  const run = useDemandAction(d.id);
  const units = useUnits(d.id, action === 'dispatch');
  const noteLabel = action === 'answer' ? t('demands.dialog.answer') : NOTE_REQUIRED.includes(action) && action !== 'progress' ? t('demands.dialog.reason') : t('demands.dialog.note');
  const onFinish = (v: DialogValues) => {
    const body: Record<string, unknown> = { note: v.note?.trim() || undefined };
    if (action === 'dispatch') {
      const [unitType, unitId] = (v.unit ?? ':').split(':');
      Object.assign(body, { unitType, unitId, complex: v.complex ?? false, ...(v.deadline ? { deadline: pickedToUtcIso(v.deadline) } : {}) });
    }
    if (action === 'escalate') body.major = v.major ?? false;
    if (action === 'revisit') Object.assign(body, { rating: v.rating, solved: v.solved });
    run.mutate({ action, body }, { onSuccess: () => { void message.success(t('demands.dialog.done')); onClose(); }, onError: (e) => showError(e, form) });
  };
  return (
    <Modal open title={t(`demands.actions.${action}`)} onCancel={onClose} onOk={() => form.submit()} confirmLoading={run.isPending} okButtonProps={{ 'data-testid': 'action-submit' }}>
      <Form<DialogValues> form={form} layout="vertical" onFinish={onFinish} initialValues={{ solved: true, rating: 5 }}>
        {action === 'dispatch' && (
          <>
            <Form.Item name="unit" label={t('demands.dialog.unit')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('demands.dialog.unit') }) }]}>
              <Select showSearch optionFilterProp="label" loading={units.isLoading} data-testid="dispatch-unit" options={(units.data ?? []).map((u) => ({ value: `${u.type}:${u.id}`, label: `${u.label}（${t(`demands.unitTypes.${u.type}`)}）` }))} />
            </Form.Item>
            <Form.Item name="complex" valuePropName="checked"><Checkbox>{t('demands.dialog.complex')}</Checkbox></Form.Item>
            <Form.Item name="deadline" label={t('demands.dialog.deadline')}><DatePicker showTime /></Form.Item>
          </>
        )}
        {action === 'revisit' && (
          <>
            <Form.Item name="rating" label={t('demands.dialog.rating')} rules={[{ required: true }]}><Rate data-testid="revisit-rating" /></Form.Item>
            <Form.Item name="solved" label={t('demands.dialog.solved')}>
              <Radio.Group data-testid="revisit-solved" options={[{ value: true, label: t('demands.dialog.solvedYes') }, { value: false, label: t('demands.dialog.solvedNo') }]} />
            </Form.Item>
          </>
        )}
        {action === 'escalate' && <Form.Item name="major" valuePropName="checked"><Checkbox>{t('demands.dialog.major')}</Checkbox></Form.Item>}
        <Form.Item name="note" label={noteLabel} rules={NOTE_REQUIRED.includes(action) ? [{ required: true, whitespace: true, message: t('common.required', { label: noteLabel }) }] : []}>
          <Input.TextArea rows={4} maxLength={4000} data-testid="action-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function DemandDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const q = useDemand(id);
  const run = useDemandAction(id);
  const [dialog, setDialog] = useState<DemandAction | null>(null);
  const [gather, setGather] = useState(false);
  const me = useCurrentUser();
  if (q.isLoading) return <FullPageSpin />;
  if (q.error || !q.data) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const { demand: d, events } = q.data;
  // reopen is the "not solved" answer of the same revisit dialog.
  const buttons = d.actions.filter((a) => a !== 'reopen');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="demand-detail-page">
      <Card
        data-testid="demand-header"
        title={<Space>{t('demands.detail.title', { no: d.no })}<DemandTags d={d} /></Space>}
        extra={
          <Space wrap data-testid="demand-actions">
            {me.permissions.includes('demands.dispatch') && d.actions.includes('dispatch') && !d.commonIssueId && <Button onClick={() => setGather(true)} data-testid="action-gather">{t('demands.issues.gather')}</Button>}
            {buttons.length === 0 && <Typography.Text type="secondary">{t('demands.detail.noActions')}</Typography.Text>}
            {buttons.map((a) =>
              a === 'close' ? (
                <Popconfirm key={a} title={t('demands.dialog.confirmClose')} onConfirm={() => run.mutate({ action: 'close', body: {} }, { onSuccess: () => void message.success(t('demands.dialog.done')), onError: (e) => showError(e) })}>
                  <Button type="primary" danger data-testid="action-close">{t('demands.actions.close')}</Button>
                </Popconfirm>
              ) : (
                <Button key={a} type={a === 'dispatch' || a === 'answer' || a === 'accept' || a === 'revisit' ? 'primary' : 'default'} onClick={() => setDialog(a)} data-testid={`action-${a}`}>
                  {t(`demands.actions.${a}`)}
                </Button>
              ),
            )}
          </Space>
        }
      >
        <Descriptions column={2} size="small" bordered>
          <Descriptions.Item label={t('demands.col.title')} span={2}>{d.title}</Descriptions.Item>
          <Descriptions.Item label={t('demands.form.description')} span={2}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{d.description}</Typography.Paragraph></Descriptions.Item>
          <Descriptions.Item label={t('demands.col.enterprise')}>{d.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label={t('demands.col.region')}>{d.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('demands.col.category')}>{t(`demands.categories.${d.category}`)}</Descriptions.Item>
          <Descriptions.Item label={t('demands.col.urgency')}>{t(`demands.urgencies.${d.urgency}`)}</Descriptions.Item>
          <Descriptions.Item label={t('demands.detail.contact')}><Space>{d.contactName}<ContactPhone d={d} /></Space></Descriptions.Item>
          <Descriptions.Item label={t('demands.detail.holder')}>{d.holderName}（{t(`demands.levels.${d.level}`)}）</Descriptions.Item>
          <Descriptions.Item label={t('demands.col.unit')}>{d.unitLabel ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('demands.col.created')}>{formatTime(d.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('demands.detail.dispatchDeadline')}>{formatTime(d.dispatchDeadline)}</Descriptions.Item>
          <Descriptions.Item label={t('demands.detail.answerDeadline')}>{formatTime(d.answerDeadline)}</Descriptions.Item>
          {d.answer && <Descriptions.Item label={t('demands.detail.answer')} span={2}>{d.answer}</Descriptions.Item>}
          {d.rating !== null && <Descriptions.Item label={t('demands.detail.rating')}><Rate disabled value={d.rating} /></Descriptions.Item>}
          {d.solved !== null && <Descriptions.Item label={t('demands.detail.solved')}>{d.solved ? t('common.yes') : t('common.no')}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <AttachmentsCard path={`/api/demands/${d.id}/attachments`} testId="demand-files" />
      <Card title={t('demands.detail.timeline')}>
        <Timeline
          data-testid="demand-timeline"
          items={events.map((e) => ({
            color: e.action === 'overdue' ? 'red' : e.action === 'warn' ? 'orange' : e.action === 'close' ? 'green' : 'blue',
            children: (
              <>
                <Typography.Text strong>{t(`demands.actions.${e.action as 'file'}`, { defaultValue: e.action })}</Typography.Text>
                {e.toState && e.toState !== e.fromState && <> → {t(`demands.states.${e.toState as 'received'}`)}</>}
                {e.level && <Typography.Text type="secondary">（{t(`demands.levels.${e.level as 'county'}`)}）</Typography.Text>}
                <div><Typography.Text type="secondary">{formatTime(e.at)} · {t('demands.detail.by')} {e.actorName ?? 'system'}</Typography.Text></div>
                {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
              </>
            ),
          }))}
        />
      </Card>
      {dialog && <ActionDialog d={d} action={dialog} onClose={() => setDialog(null)} />}
      {gather && <GatherIssueModal d={d} onClose={() => setGather(false)} />}
    </Space>
  );
}
