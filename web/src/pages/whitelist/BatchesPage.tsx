import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Space, Spin, Table } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCurrentUser } from '../../api/auth';
import { findRegion, useRegions } from '../../api/org';
import { exportBatch, useBatch, useBatches, usePublishBatch, wanFromFen, type Batch, type BatchItem, type Sector } from '../../api/whitelist';
import { QueryError } from '../../components/QueryError';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useShowError } from '../../lib/errors';
import { ListingTag, sectorLabel, SectorSelect, tierLabel } from './shared';

interface PublishForm {
  regionCode: string;
  sector: Sector;
  title: string;
}

function PublishModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const regions = useRegions();
  const [form] = Form.useForm<PublishForm>();
  const publish = usePublishBatch();
  const showError = useShowError();
  const { message } = App.useApp();
  const suggest = () => {
    const v = form.getFieldsValue();
    const region = findRegion(regions.data, v.regionCode)?.name ?? '';
    if (v.sector) form.setFieldValue('title', t('wl.batches.defaultTitle', { region, sector: sectorLabel(t, v.sector) }));
  };
  const run = () =>
    form.validateFields().then((v) =>
      publish.mutate(v, {
        onSuccess: (b) => { void message.success(t('wl.batches.published', { n: b.number, size: b.size })); onClose(); },
        onError: (err) => showError(err, form),
      }),
    );
  return (
    <Modal
      open
      title={t('wl.batches.publishTitle')}
      onCancel={onClose}
      footer={[
        <Button key="c" onClick={onClose}>{t('common.cancel')}</Button>,
        <Popconfirm key="ok" title={t('wl.batches.publishConfirm')} onConfirm={run} okButtonProps={{ 'data-testid': 'publish-confirm' } as Record<string, string>}>
          <Button type="primary" loading={publish.isPending} data-testid="publish-submit">{t('wl.batches.publish')}</Button>
        </Popconfirm>,
      ]}
    >
      <Form form={form} layout="vertical" initialValues={{ regionCode: me.regionCode }} onValuesChange={(c: Partial<PublishForm>) => { if (c.regionCode || c.sector) suggest(); }} data-testid="publish-form">
        <Form.Item name="regionCode" label={t('wl.field.region')} rules={[{ required: true }]}>
          <RegionTreeSelect allowClear={false} testId="publish-region" />
        </Form.Item>
        <Form.Item name="sector" label={t('wl.field.sector')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('wl.field.sector') }) }]}>
          <SectorSelect testId="publish-sector" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="title" label={t('wl.batches.batchTitle')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('wl.batches.batchTitle') }) }]}>
          <Input maxLength={200} data-testid="publish-title" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function useExport() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  return (b: Batch) => exportBatch(b.id, b.title).then((name) => void message.success(t('common.exported', { name })), (err: unknown) => showError(err));
}

export default function BatchesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const batches = useBatches();
  const doExport = useExport();
  const [publishing, setPublishing] = useState(false);
  return (
    <Card
      title={t('wl.batches.title')}
      data-testid="batches-page"
      extra={
        me.permissions.includes('whitelist.batch') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setPublishing(true)} data-testid="batches-publish">
            {t('wl.batches.publish')}
          </Button>
        )
      }
    >
      {batches.error ? (
        <QueryError error={batches.error} onRetry={() => void batches.refetch()} />
      ) : (
        <Table<Batch>
          data-testid="batches-table"
          rowKey="id"
          size="middle"
          loading={batches.isFetching}
          dataSource={batches.data ?? []}
          onRow={(b) => ({ 'data-testid': `batch-row-${b.id}` }) as React.HTMLAttributes<HTMLElement>}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('wl.batches.batchTitle'), key: 'title', render: (_, b) => <Link to={`/whitelist/batches/${b.id}`} data-testid="batch-link">{b.title}</Link> },
            { title: t('wl.batches.number'), dataIndex: 'number', width: 90, render: (n: number) => t('wl.batches.numberText', { n }) },
            { title: t('wl.field.sector'), dataIndex: 'sector', width: 100, render: (s: string) => sectorLabel(t, s) },
            { title: t('wl.batches.publishedOn'), dataIndex: 'publishedOn', width: 120 },
            { title: t('wl.batches.publishedBy'), dataIndex: 'publishedBy', width: 130 },
            { title: t('wl.batches.size'), dataIndex: 'size', width: 90, align: 'right' },
            { title: t('common.actions'), key: 'a', width: 120, render: (_, b) => <Button size="small" icon={<DownloadOutlined />} onClick={() => void doExport(b)}>Excel</Button> },
          ]}
        />
      )}
      {publishing && <PublishModal onClose={() => setPublishing(false)} />}
    </Card>
  );
}

export function BatchDetailPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const d = useBatch(id);
  const doExport = useExport();
  if (d.error) return <QueryError error={d.error} onRetry={() => void d.refetch()} />;
  if (!d.data) return <Spin />;
  const { batch, items } = d.data;
  return (
    <Card
      data-testid="batch-detail-page"
      title={<span data-testid="batch-title">{batch.title}（{t('wl.batches.numberText', { n: batch.number })} · {batch.publishedOn}）</span>}
      extra={
        <Space>
          <Link to="/whitelist/batches">{t('wl.common.back')}</Link>
          <Button icon={<DownloadOutlined />} onClick={() => void doExport(batch)} data-testid="batch-export">{t('common.exportExcel')}</Button>
        </Space>
      }
    >
      <Table<BatchItem>
        data-testid="batch-items"
        rowKey="id"
        size="middle"
        dataSource={items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(e) => ({ 'data-testid': `batch-item-${e.uscc}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '#', key: 'i', width: 60, render: (_, __, i) => i + 1 },
          { title: t('wl.field.name'), key: 'name', render: (_, e) => <Link to={`/whitelist/enterprises/${e.id}`}>{e.name}</Link> },
          { title: t('wl.field.uscc'), dataIndex: 'uscc', width: 190 },
          { title: t('wl.field.region'), dataIndex: 'regionName', width: 100 },
          { title: t('wl.field.tier'), dataIndex: 'serviceTier', width: 90, render: (s: string | null) => tierLabel(t, s) },
          { title: t('wl.field.status'), dataIndex: 'listingStatus', width: 150, render: (s: string) => <ListingTag status={s} /> },
          { title: t('wl.field.outputWan'), dataIndex: 'outputValueFen', width: 150, align: 'right', render: (f: number) => wanFromFen(f) },
        ]}
      />
    </Card>
  );
}
