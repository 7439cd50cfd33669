import { useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/auth';
import { useUnits } from '../../api/prevention';
import { exportVenues, printVenues, useSaveVenue, useVenues, VENUE_KINDS, type Venue, type VenueFilters, type VenueKind } from '../../api/prevention-tracing';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';
import { EnterprisePicker } from './EnterprisePicker';

type Node = Venue & { children?: Node[] };

/** The flat list as a tree (parent → children); a venue whose parent is filtered out stays at the top. */
function treeOf(items: Venue[]): Node[] {
  const byId = new Map<string, Node>(items.map((v) => [v.id, { ...v }]));
  const roots: Node[] = [];
  for (const v of byId.values()) {
    const parent = v.parentId ? byId.get(v.parentId) : undefined;
    if (parent) (parent.children ??= []).push(v);
    else roots.push(v);
  }
  return roots;
}

interface Editing { id?: string; parentId: string | null; name?: string; kind?: VenueKind; unitId?: string | null }

export default function VenuesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const showError = useShowError();
  const [enterpriseId, setEnterpriseId] = useState<string | undefined>(me.enterpriseId ? String(me.enterpriseId) : undefined);
  const [filters, setFilters] = useState<VenueFilters>({});
  const [selected, setSelected] = useState<string[]>([]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [printing, setPrinting] = useState(false);
  const [form] = Form.useForm<{ name: string; kind: VenueKind; parentId: string | null; unitId: string | null }>();
  const query = { ...filters, enterpriseId };
  const list = useVenues(query, Boolean(enterpriseId));
  const all = useVenues({ enterpriseId }, Boolean(enterpriseId));
  const units = useUnits(enterpriseId);
  const save = useSaveVenue();
  const items = list.data?.items ?? [];
  const data = useMemo(() => (filters.q || filters.kind ? items : treeOf(items)), [items, filters.q, filters.kind]);
  const mayEdit = Boolean(list.data?.mayEdit);
  const open = (e: Editing) => {
    setEditing(e);
    form.setFieldsValue({ name: e.name ?? '', kind: e.kind ?? 'area', parentId: e.parentId, unitId: e.unitId ?? null });
  };
  const columns: TableColumnsType<Node> = [
    { title: t('ptrace.venues.name'), dataIndex: 'name' },
    { title: t('ptrace.venues.kind'), dataIndex: 'kind', width: 100, render: (k: VenueKind) => <Tag>{t(`ptrace.venueKind.${k}`)}</Tag> },
    { title: t('ptrace.venues.code'), dataIndex: 'code', width: 160, render: (c: string) => <Typography.Text code copyable>{c}</Typography.Text> },
    { title: t('ptrace.venues.unit'), dataIndex: 'unitName', width: 160, render: (v: string | null) => v ?? '—' },
    ...(mayEdit ? [{
      title: t('common.actions'), key: 'a', width: 180,
      render: (_: unknown, v: Node) => (
        <Space>
          <Button size="small" onClick={() => open({ parentId: v.id })}>{t('ptrace.venues.addChild')}</Button>
          <Button size="small" onClick={() => open({ id: v.id, parentId: v.parentId, name: v.name, kind: v.kind, unitId: v.unitId })}>{t('ptrace.venues.edit')}</Button>
        </Space>
      ),
    }] : []),
  ];
  const print = () => {
    setPrinting(true);
    printVenues(selected).catch((err: unknown) => showError(err)).finally(() => setPrinting(false));
  };
  return (
    <Card title={t('ptrace.venues.title')} data-testid="prevention-venues-page">
      <Typography.Paragraph type="secondary">{t('ptrace.venues.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        {!me.enterpriseId && <EnterprisePicker value={enterpriseId} onChange={(id) => { setEnterpriseId(id); setSelected([]); }} />}
        <Input.Search allowClear placeholder={t('ptrace.venues.search')} style={{ width: 220 }} onSearch={(q) => setFilters({ ...filters, q: q || undefined })} />
        <Select<VenueKind> allowClear placeholder={t('ptrace.venues.kind')} style={{ width: 120 }} value={filters.kind} onChange={(kind) => setFilters({ ...filters, kind })} options={VENUE_KINDS.map((k) => ({ value: k, label: t(`ptrace.venueKind.${k}`) }))} />
        {mayEdit && <Button type="primary" icon={<PlusOutlined />} disabled={!enterpriseId} onClick={() => open({ parentId: null })} data-testid="venues-add">{t('ptrace.venues.add')}</Button>}
        <Button icon={<PrinterOutlined />} disabled={!selected.length} loading={printing} onClick={print} title={t('ptrace.venues.printHint')} data-testid="venues-print">{t('ptrace.venues.print')}</Button>
        <Button icon={<DownloadOutlined />} disabled={!enterpriseId} onClick={() => void exportVenues(query).then((name) => void message.success(t('common.exported', { name }))).catch((err: unknown) => showError(err))}>{t('common.exportExcel')}</Button>
        {selected.length > 0 && <Typography.Text type="secondary">{t('ptrace.venues.selected', { n: selected.length })}</Typography.Text>}
      </Space>
      {list.error && !list.data ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<Node> rowKey="id" size="middle" columns={columns} dataSource={enterpriseId ? data : []} loading={list.isFetching} key={`${enterpriseId ?? ''}:${items.length}`} expandable={{ defaultExpandAllRows: true }}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), checkStrictly: false }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => t('common.total', { total: n }) }} data-testid="venues-table" />
      )}
      {editing && (
        <Modal open title={editing.id ? t('ptrace.venues.edit') : t('ptrace.venues.add')} onCancel={() => setEditing(null)} onOk={() => form.submit()} confirmLoading={save.isPending} okButtonProps={{ 'data-testid': 'venue-submit' }}>
          <Form form={form} layout="vertical" onFinish={(v) => save.mutate({ ...v, id: editing.id, enterpriseId: me.enterpriseId ? undefined : enterpriseId }, { onSuccess: () => { setEditing(null); void message.success(t('ptrace.venues.saved')); }, onError: (err) => showError(err, form) })}>
            <Form.Item name="name" label={t('ptrace.venues.name')} rules={[{ required: true, message: t('common.required', { label: t('ptrace.venues.name') }) }]}><Input maxLength={100} data-testid="venue-name" /></Form.Item>
            <Form.Item name="kind" label={t('ptrace.venues.kind')} rules={[{ required: true }]}><Select data-testid="venue-kind" options={VENUE_KINDS.map((k) => ({ value: k, label: t(`ptrace.venueKind.${k}`) }))} /></Form.Item>
            <Form.Item name="parentId" label={t('ptrace.venues.parent')}>
              <Select allowClear showSearch optionFilterProp="label" placeholder={t('ptrace.venues.none')} options={(all.data?.items ?? []).filter((x) => x.id !== editing.id).map((x) => ({ value: x.id, label: `${x.name}（${t(`ptrace.venueKind.${x.kind}`)}）` }))} />
            </Form.Item>
            <Form.Item name="unitId" label={t('ptrace.venues.unit')}>
              <Select allowClear placeholder={t('ptrace.venues.none')} options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </Card>
  );
}
