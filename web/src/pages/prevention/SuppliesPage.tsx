import { useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Popconfirm, Progress, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/auth';
import {
  exportSupplies, useCreatePoint, useDeleteSupply, usePoints, useRollup, useSaveSupply, useSupplies, useUpdatePoint,
  type ObservationPoint, type RollupGroup, type Supply, type SupplyFilters,
} from '../../api/prevention-care';
import { QueryError } from '../../components/QueryError';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import { EnterprisePicker } from './care-shared';

type SupplyForm = { enterpriseId?: string; item: string; unit: string; quantity: number; safetyStock: number };

function SupplyModal({ government, initial, onClose }: { government: boolean; initial: Supply | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SupplyForm>();
  const save = useSaveSupply();
  const showError = useShowError();
  const { message } = App.useApp();
  return (
    <Modal open title={initial ? t('prevCare.supplies.edit') : t('prevCare.supplies.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okButtonProps={{ 'data-testid': 'supply-submit' }}>
      <Form
        form={form} layout="vertical" initialValues={initial ? { ...initial } : { quantity: 0, safetyStock: 0 }}
        onFinish={(v) => save.mutate({ ...v, enterpriseId: initial?.enterpriseId ?? v.enterpriseId }, { onSuccess: () => { void message.success(t('common.saved')); onClose(); }, onError: (err) => showError(err, form) })}
      >
        {government && !initial && <Form.Item name="enterpriseId" label={t('prevCare.supplies.enterprise')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('prevCare.supplies.enterprise') }) }]}><EnterprisePicker /></Form.Item>}
        <Form.Item name="item" label={t('prevCare.supplies.item')} extra={t('prevCare.supplies.presets')} rules={[{ required: true, message: t('common.required', { label: t('prevCare.supplies.item') }) }]}><Input maxLength={50} disabled={!!initial} data-testid="supply-item" /></Form.Item>
        <Form.Item name="unit" label={t('prevCare.supplies.unit')} rules={[{ required: true, message: t('common.required', { label: t('prevCare.supplies.unit') }) }]}><Input maxLength={20} data-testid="supply-unit" /></Form.Item>
        <Form.Item name="quantity" label={t('prevCare.supplies.quantity')} rules={[{ required: true }]}><InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="supply-quantity" /></Form.Item>
        <Form.Item name="safetyStock" label={t('prevCare.supplies.safetyStock')} rules={[{ required: true }]}><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item>
      </Form>
    </Modal>
  );
}

function PointModal({ government, initial, onClose }: { government: boolean; initial: ObservationPoint | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ enterpriseId?: string; name: string; rooms: number; note?: string }>();
  const create = useCreatePoint();
  const update = useUpdatePoint();
  const showError = useShowError();
  const done = { onSuccess: onClose, onError: (err: unknown) => showError(err, form) };
  return (
    <Modal open title={initial ? initial.name : t('prevCare.supplies.addPoint')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending || update.isPending}>
      <Form
        form={form} layout="vertical" initialValues={initial ? { name: initial.name, rooms: initial.rooms, note: initial.note ?? undefined } : { rooms: 1 }}
        onFinish={(v) => (initial ? update.mutate({ id: initial.id, rooms: v.rooms, note: v.note?.trim() || null }, done) : create.mutate({ ...v, note: v.note?.trim() || null }, done))}
      >
        {government && !initial && <Form.Item name="enterpriseId" label={t('prevCare.supplies.enterprise')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('prevCare.supplies.enterprise') }) }]}><EnterprisePicker /></Form.Item>}
        <Form.Item name="name" label={t('prevCare.supplies.pointName')} rules={[{ required: true, message: t('common.required', { label: t('prevCare.supplies.pointName') }) }]}><Input maxLength={50} disabled={!!initial} /></Form.Item>
        <Form.Item name="rooms" label={t('prevCare.supplies.rooms')} rules={[{ required: true }]}><InputNumber min={initial ? Math.max(0, initial.occupied) : 1} precision={0} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="note" label={t('prevCare.supplies.note')}><Input maxLength={500} /></Form.Item>
      </Form>
    </Modal>
  );
}

function SuppliesTab({ government, canEdit }: { government: boolean; canEdit: boolean }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<SupplyFilters>({});
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Supply | null | 'new'>(null);
  const [exporting, setExporting] = useState(false);
  const list = useSupplies({ ...filters, page, pageSize: 20 });
  const del = useDeleteSupply();
  const showError = useShowError();
  const { message } = App.useApp();
  const set = (p: Partial<SupplyFilters>) => { setFilters((f) => ({ ...f, ...p })); setPage(1); };
  const columns: TableColumnsType<Supply> = [
    ...(government ? [{ title: t('prev.field.enterprise'), dataIndex: 'enterpriseName', width: 240 }, { title: t('prev.field.region'), dataIndex: 'regionName', width: 90 }] : []),
    { title: t('prevCare.supplies.item'), dataIndex: 'item' },
    { title: t('prevCare.supplies.quantity'), dataIndex: 'quantity', align: 'right', render: (v: number, s) => <Space>{v.toLocaleString()}{s.low && <Tag color="red" data-testid="supply-low">{t('prevCare.supplies.low')}</Tag>}</Space> },
    { title: t('prevCare.supplies.unit'), dataIndex: 'unit', width: 70 },
    { title: t('prevCare.supplies.safetyStock'), dataIndex: 'safetyStock', align: 'right', width: 110 },
    { title: t('prevCare.supplies.updatedAt'), dataIndex: 'updatedAt', width: 170, render: formatTime },
    {
      title: t('common.actions'), key: 'a', width: 130,
      render: (_, s) => (
        <Space>
          {s.actions.includes('edit') && <Button size="small" onClick={() => setEditing(s)}>{t('common.edit')}</Button>}
          {s.actions.includes('delete') && <Popconfirm title={t('prevCare.supplies.deleteConfirm')} onConfirm={() => del.mutate(s.id, { onSuccess: () => void message.success(t('prevCare.supplies.deleted')), onError: (err) => showError(err) })}><Button size="small" danger>{t('prevCare.supplies.remove')}</Button></Popconfirm>}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('prevCare.supplies.search')} style={{ width: 200 }} onSearch={(v) => set({ q: v.trim() || undefined })} />
        {government && <RegionTreeSelect value={filters.regionCode} onChange={(v) => set({ regionCode: v })} placeholder={t('prev.field.region')} style={{ width: 180 }} />}
        {government && <EnterprisePicker style={{ width: 240 }} value={filters.enterpriseId} onChange={(v) => set({ enterpriseId: v })} />}
        <Checkbox checked={filters.low === 'true'} onChange={(e) => set({ low: e.target.checked ? 'true' : undefined })}>{t('prevCare.supplies.lowOnly')}</Checkbox>
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => { setExporting(true); exportSupplies(filters).then((name) => void message.success(t('common.exported', { name })), (err: unknown) => showError(err)).finally(() => setExporting(false)); }}>{t('common.exportExcel')}</Button>
        {canEdit && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="supply-add">{t('prevCare.supplies.add')}</Button>}
      </Space>
      {list.error && !list.data ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<Supply> rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching} pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { total: n }) }} />
      )}
      {editing && <SupplyModal government={government} initial={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function PointsTab({ government, canEdit }: { government: boolean; canEdit: boolean }) {
  const { t } = useTranslation();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<ObservationPoint | null | 'new'>(null);
  const list = usePoints({ regionCode, page, pageSize: 20 });
  const columns: TableColumnsType<ObservationPoint> = [
    ...(government ? [{ title: t('prev.field.enterprise'), dataIndex: 'enterpriseName', width: 240 }, { title: t('prev.field.region'), dataIndex: 'regionName', width: 90 }] : []),
    { title: t('prevCare.supplies.pointName'), dataIndex: 'name' },
    { title: t('prevCare.supplies.rooms'), dataIndex: 'rooms', align: 'right', width: 90 },
    { title: t('prevCare.supplies.occupied'), dataIndex: 'occupied', align: 'right', width: 90 },
    { title: t('prevCare.supplies.free'), key: 'free', width: 200, render: (_, p) => <Progress percent={p.rooms ? Math.round((p.occupied / p.rooms) * 100) : 0} format={() => `${p.free}`} status={p.free === 0 ? 'exception' : 'normal'} size="small" /> },
    { title: t('prevCare.supplies.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
    { title: t('common.actions'), key: 'a', width: 90, render: (_, p) => p.actions.includes('edit') && <Button size="small" onClick={() => setEditing(p)}>{t('common.edit')}</Button> },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        {government && <RegionTreeSelect value={regionCode} onChange={(v) => { setRegionCode(v); setPage(1); }} placeholder={t('prev.field.region')} style={{ width: 180 }} />}
        {canEdit && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('prevCare.supplies.addPoint')}</Button>}
      </Space>
      {list.error && !list.data ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<ObservationPoint> rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching} pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { total: n }) }} />
      )}
      {editing && <PointModal government={government} initial={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function RollupTab() {
  const { t } = useTranslation();
  const [by, setBy] = useState<'region' | 'enterprise'>('region');
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const q = useRollup(by, regionCode);
  const sum = (k: keyof Omit<RollupGroup, 'key' | 'label'>) => (q.data?.groups ?? []).reduce((a, g) => a + g[k], 0);
  const columns: TableColumnsType<RollupGroup> = [
    { title: t('prevCare.supplies.label'), dataIndex: 'label' },
    ...(by === 'region' ? [{ title: t('prevCare.supplies.enterprises'), dataIndex: 'enterprises', align: 'right' as const }] : []),
    { title: t('prevCare.supplies.items'), dataIndex: 'items', align: 'right' },
    { title: t('prevCare.supplies.lowItems'), dataIndex: 'lowItems', align: 'right', render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : v) },
    { title: t('prevCare.supplies.points'), dataIndex: 'points', align: 'right' },
    { title: t('prevCare.supplies.rooms'), dataIndex: 'rooms', align: 'right' },
    { title: t('prevCare.supplies.occupied'), dataIndex: 'occupied', align: 'right' },
    { title: t('prevCare.supplies.free'), key: 'free', align: 'right', render: (_, g) => Math.max(0, g.rooms - g.occupied) },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<'region' | 'enterprise'> value={by} onChange={setBy} options={(['region', 'enterprise'] as const).map((v) => ({ value: v, label: t(`prevCare.supplies.rollupBy.${v}`) }))} />
        <RegionTreeSelect value={regionCode} onChange={setRegionCode} placeholder={t('prev.field.region')} style={{ width: 180 }} />
      </Space>
      {q.error && !q.data ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : (
        <Table<RollupGroup>
          rowKey="key" size="middle" columns={columns} dataSource={q.data?.groups ?? []} loading={q.isFetching} pagination={false} data-testid="supplies-rollup"
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('prev.comp.overall')}</Table.Summary.Cell>
              {by === 'region' && <Table.Summary.Cell index={1} align="right">{sum('enterprises')}</Table.Summary.Cell>}
              <Table.Summary.Cell index={2} align="right">{sum('items')}</Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">{sum('lowItems')}</Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">{sum('points')}</Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">{sum('rooms')}</Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">{sum('occupied')}</Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">{Math.max(0, sum('rooms') - sum('occupied'))}</Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      )}
    </>
  );
}

export default function SuppliesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const government = me.enterpriseId == null;
  const canEdit = me.permissions.includes('prevention.supplies');
  const tabs = [
    { key: 'supplies', label: t('prevCare.supplies.tabSupplies'), children: <SuppliesTab government={government} canEdit={canEdit} /> },
    { key: 'points', label: t('prevCare.supplies.tabPoints'), children: <PointsTab government={government} canEdit={canEdit} /> },
    ...(government ? [{ key: 'rollup', label: t('prevCare.supplies.tabRollup'), children: <RollupTab /> }] : []),
  ];
  return (
    <Card title={t('prevCare.supplies.title')} data-testid="prevention-supplies-page">
      <Tabs items={tabs} />
    </Card>
  );
}
