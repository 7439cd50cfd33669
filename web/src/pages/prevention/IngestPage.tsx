import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Segmented, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, KeyOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/auth';
import { downloadRejects, useApiKeys, useCreateApiKey, useIngestRuns, useIngestUpload, useRevokeApiKey, type ApiKey, type IngestRun } from '../../api/prevention';
import { INGEST_KINDS, KIND_OF_SLUG, type IngestKindSlug } from '../../api/prevention-tracing';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';

const STATUS_COLOR = { running: 'processing', completed: 'success', failed: 'error' } as const;

function RunReport({ run }: { run: IngestRun }) {
  const { t } = useTranslation();
  const showError = useShowError();
  return (
    <Card title={t('prev.ingest.lastRun')} data-testid="ingest-report">
      {run.replayed && <Alert type="info" showIcon title={t('prev.ingest.replayed')} style={{ marginBottom: 16 }} />}
      <Space size={40}>
        <Statistic title={t('prev.ingest.rowsTotal')} value={run.rows} />
        <Statistic title={t('prev.ingest.merged')} value={run.merged} valueStyle={{ color: '#16a34a' }} data-testid="ingest-merged" />
        <Statistic title={t('prev.ingest.duplicates')} value={run.duplicates} />
        <Statistic title={t('prev.ingest.rejected')} value={run.rejected} valueStyle={{ color: run.rejected ? '#dc2626' : undefined }} data-testid="ingest-rejected" />
      </Space>
      {run.rejected > 0 && <div style={{ marginTop: 16 }}><Button icon={<DownloadOutlined />} onClick={() => void downloadRejects(run).catch((err: unknown) => showError(err))}>{t('prev.ingest.rejects')}</Button></div>}
    </Card>
  );
}

function ApiKeysCard() {
  const { t } = useTranslation();
  const keys = useApiKeys(true);
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const showError = useShowError();
  const [form] = Form.useForm<{ name: string }>();
  const [shown, setShown] = useState<string | null>(null);
  const columns: TableColumnsType<ApiKey> = [
    { title: t('prev.ingest.keyName'), dataIndex: 'name' },
    { title: t('prev.ingest.prefix'), dataIndex: 'prefix', width: 130, render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
    { title: t('prev.ingest.createdAt'), dataIndex: 'createdAt', width: 170, render: formatTime },
    { title: t('prev.ingest.lastUsed'), dataIndex: 'lastUsedAt', width: 170, render: formatTime },
    {
      title: t('common.actions'), key: 'a', width: 110,
      render: (_, k) => (k.revokedAt ? <Tag>{t('prev.ingest.revoked')}</Tag> : (
        <Popconfirm title={t('prev.ingest.revokeConfirm')} onConfirm={() => revoke.mutate(k.id, { onError: (err) => showError(err) })}>
          <Button danger size="small">{t('prev.ingest.revoke')}</Button>
        </Popconfirm>
      )),
    },
  ];
  return (
    <Card title={t('prev.ingest.keys')}>
      <Typography.Paragraph type="secondary">{t('prev.ingest.keysIntro')}</Typography.Paragraph>
      <Form form={form} layout="inline" style={{ marginBottom: 16 }} onFinish={(v) => create.mutate(v, { onSuccess: (r) => { setShown(r.key); form.resetFields(); }, onError: (err) => showError(err, form) })}>
        <Form.Item name="name" rules={[{ required: true, message: t('common.required', { label: t('prev.ingest.keyName') }) }]}><Input placeholder={t('prev.ingest.keyName')} maxLength={100} style={{ width: 260 }} /></Form.Item>
        <Button htmlType="submit" icon={<KeyOutlined />} loading={create.isPending}>{t('prev.ingest.newKey')}</Button>
      </Form>
      {keys.error && !keys.data ? <QueryError error={keys.error} onRetry={() => void keys.refetch()} /> : <Table<ApiKey> rowKey="id" size="small" columns={columns} dataSource={keys.data ?? []} loading={keys.isFetching} pagination={{ pageSize: 10, hideOnSinglePage: true }} />}
      {shown && (
        <Modal open title={t('prev.ingest.newKey')} onOk={() => setShown(null)} onCancel={() => setShown(null)} cancelButtonProps={{ style: { display: 'none' } }}>
          <Typography.Paragraph>{t('prev.ingest.keyShown')}</Typography.Paragraph>
          <Typography.Paragraph code copyable>{shown}</Typography.Paragraph>
        </Modal>
      )}
    </Card>
  );
}

export default function IngestPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [kind, setKind] = useState<IngestKindSlug>('test-results');
  const upload = useIngestUpload(kind);
  const showError = useShowError();
  const { message } = App.useApp();
  const [last, setLast] = useState<IngestRun | null>(null);
  const [page, setPage] = useState(1);
  const runs = useIngestRuns(page, 10, KIND_OF_SLUG[kind]);
  const columns: TableColumnsType<IngestRun> = [
    { title: t('prev.ingest.startedAt'), dataIndex: 'startedAt', width: 170, render: formatTime },
    { title: t('prev.ingest.file'), dataIndex: 'fileName', render: (v: string | null, r) => v ?? r.sha256.slice(0, 12) },
    { title: t('prev.ingest.source'), dataIndex: 'source', width: 90, render: (s: IngestRun['source']) => (s === 'api' ? t('prev.ingest.sourceApi') : t('prev.ingest.sourceUpload')) },
    { title: t('prev.ingest.statusLabel'), dataIndex: 'status', width: 90, render: (s: IngestRun['status']) => <Tag color={STATUS_COLOR[s]}>{t(`prev.ingest.runStatus.${s}`)}</Tag> },
    { title: t('prev.ingest.rowsTotal'), dataIndex: 'rows', width: 80, align: 'right' },
    { title: t('prev.ingest.merged'), dataIndex: 'merged', width: 80, align: 'right' },
    { title: t('prev.ingest.duplicates'), dataIndex: 'duplicates', width: 90, align: 'right' },
    { title: t('prev.ingest.rejected'), dataIndex: 'rejected', width: 80, align: 'right' },
    { title: t('common.actions'), key: 'a', width: 140, render: (_, r) => (r.rejected > 0 ? <Button size="small" icon={<DownloadOutlined />} onClick={() => void downloadRejects(r).then((name) => void message.success(t('common.exported', { name }))).catch((err: unknown) => showError(err))}>{t('prev.ingest.rejects')}</Button> : null) },
  ];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="prevention-ingest-page">
      <Card title={t('prev.ingest.title')}>
        <Space style={{ marginBottom: 12 }}>
          <Typography.Text>{t('ptrace.ingest.kind')}</Typography.Text>
          <Segmented<IngestKindSlug> value={kind} onChange={(k) => { setKind(k); setLast(null); setPage(1); }} options={INGEST_KINDS.map((k) => ({ value: k, label: t(`ptrace.ingest.kinds.${k}`) }))} data-testid="ingest-kind" />
        </Space>
        <Typography.Paragraph>{kind === 'test-results' ? t('prev.ingest.intro') : t(`ptrace.ingest.columns.${kind}`)}</Typography.Paragraph>
        <Upload accept=".csv,.jsonl,.ndjson" showUploadList={false} beforeUpload={(file) => { setLast(null); upload.mutate(file, { onSuccess: setLast, onError: (err) => showError(err) }); return false; }}>
          <Button type="primary" icon={<UploadOutlined />} loading={upload.isPending} data-testid="ingest-upload">{t('prev.ingest.upload')}</Button>
        </Upload>
      </Card>
      {last && <RunReport run={last} />}
      <Card title={t('prev.ingest.runs')}>
        {runs.error && !runs.data ? <QueryError error={runs.error} onRetry={() => void runs.refetch()} /> : (
          <Table<IngestRun> rowKey="id" size="middle" columns={columns} dataSource={runs.data?.items ?? []} loading={runs.isFetching} pagination={{ current: page, pageSize: 10, total: runs.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { total: n }) }} />
        )}
      </Card>
      {me.permissions.includes('prevention.apikeys') && <ApiKeysCard />}
    </Space>
  );
}
