import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { ALERT_KINDS, ALERT_STATUSES, useAlertAction, useAlerts, type Alert, type AlertKind, type AlertStatus } from '../../api/prevention';
import type { DrugClass } from '../../api/prevention-tracing';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';

const COLOR: Record<AlertStatus, string> = { open: 'red', acknowledged: 'orange', resolved: 'green' };

export default function AlertsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [status, setStatus] = useState<AlertStatus | undefined>('open');
  const [kind, setKind] = useState<AlertKind | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [resolving, setResolving] = useState<Alert | null>(null);
  const [form] = Form.useForm<{ note: string }>();
  const list = useAlerts(status, kind, page, 20);
  const act = useAlertAction();
  const columns: TableColumnsType<Alert> = [
    { title: t('prev.alerts.raisedAt'), dataIndex: 'raisedAt', width: 170, render: formatTime },
    { title: t('prev.field.enterprise'), dataIndex: 'enterpriseName', render: (v: string) => v || '—' },
    { title: t('prev.field.region'), dataIndex: 'regionName', width: 90 },
    { title: t('prev.alerts.what'), key: 'what', render: (_, a) => (a.kind === 'drug_purchase' ? t('ptrace.alertDrug', { who: a.detail.idCardMasked ?? '', pharmacy: a.detail.pharmacy ?? '', cls: t(`ptrace.drugClass.${(a.detail.drugClass ?? 'fever') as DrugClass}`) }) : a.kind === 'retest_overdue' ? t('prevCare.alertRetest') : a.kind === 'overdue_test' ? t('prev.alerts.overdue', { overdue: a.detail.overdue, total: a.detail.total }) : t(`prevRep.alertWhat.${a.kind}`, a.detail)) },
    { title: t('prev.field.status'), dataIndex: 'status', width: 90, render: (s: AlertStatus) => <Tag color={COLOR[s]}>{t(`prev.alerts.status.${s}`)}</Tag> },
    { title: t('prev.rules.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
    {
      title: t('common.actions'), key: 'a', width: 180,
      render: (_, a) => (
        <Space>
          {a.actions.includes('acknowledge') && <Button size="small" data-testid={`alert-acknowledge-${a.id}`} onClick={() => act.mutate({ id: a.id, action: 'acknowledge' }, { onSuccess: () => void message.success(t('prev.alerts.acknowledged')), onError: (err) => showError(err) })}>{t('prev.alerts.acknowledge')}</Button>}
          {a.actions.includes('resolve') && <Button size="small" type="primary" data-testid={`alert-resolve-${a.id}`} onClick={() => setResolving(a)}>{t('prev.alerts.resolve')}</Button>}
        </Space>
      ),
    },
  ];
  return (
    <Card title={t('prev.alerts.title')} data-testid="prevention-alerts-page">
      <Space style={{ marginBottom: 16 }}>
        <Select<AlertKind> allowClear data-testid="alerts-kind" placeholder={t('prev.alerts.kindLabel')} style={{ width: 180 }} value={kind} onChange={(v) => { setKind(v); setPage(1); }} options={ALERT_KINDS.map((k) => ({ value: k, label: t(`prev.alerts.kind.${k}`) }))} />
        <Select<AlertStatus> allowClear data-testid="alerts-status" placeholder={t('prev.field.status')} style={{ width: 140 }} value={status} onChange={(v) => { setStatus(v); setPage(1); }} options={ALERT_STATUSES.map((s) => ({ value: s, label: t(`prev.alerts.status.${s}`) }))} />
      </Space>
      {list.error && !list.data ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<Alert> rowKey="id" size="middle" data-testid="alerts-table" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching} pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { total: n }) }} />
      )}
      {resolving && (
        <Modal open title={t('prev.alerts.resolve')} onCancel={() => setResolving(null)} onOk={() => form.submit()} confirmLoading={act.isPending} okButtonProps={{ 'data-testid': 'alert-resolve-ok' }}>
          <Form form={form} layout="vertical" onFinish={(v) => act.mutate({ id: resolving.id, action: 'resolve', note: v.note }, { onSuccess: () => { setResolving(null); form.resetFields(); void message.success(t('prev.alerts.resolved')); }, onError: (err) => showError(err, form) })}>
            <Form.Item name="note" label={t('prev.alerts.resolveNote')} rules={[{ required: true, message: t('common.required', { label: t('prev.alerts.resolveNote') }) }]}><Input.TextArea rows={3} maxLength={2000} data-testid="alert-resolve-note" /></Form.Item>
          </Form>
        </Modal>
      )}
    </Card>
  );
}
