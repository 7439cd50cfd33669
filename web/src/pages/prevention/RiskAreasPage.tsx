import { useState } from 'react';
import { App, Button, Card, Checkbox, DatePicker, Flex, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { exportRiskAreas, RISK_LEVELS, useCreateRiskArea, useEndRiskArea, useRemoveRiskArea, useRiskAreas, type RiskArea, type RiskLevel } from '../../api/prevention-reports';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';

const LEVEL_COLOR: Record<RiskLevel, string> = { medium: 'orange', high: 'red', static: 'purple' };

function AddRiskAreaModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ code: string; name: string; level: RiskLevel; fromDay: Dayjs; toDay?: Dayjs | null }>();
  const create = useCreateRiskArea();
  return (
    <Modal open title={t('prevRep.risk.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} okButtonProps={{ 'data-testid': 'risk-submit' }}>
      <Form form={form} layout="vertical" initialValues={{ level: 'medium' }} onFinish={(v) => create.mutate({ code: v.code, name: v.name, level: v.level, fromDay: v.fromDay.format('YYYY-MM-DD'), toDay: v.toDay ? v.toDay.format('YYYY-MM-DD') : null }, {
        onSuccess: (r) => { void message.success(t('prevRep.risk.redecided', { n: r.redecided })); onClose(); },
        onError: (err) => showError(err, form),
      })}>
        <Form.Item name="code" label={t('prevRep.risk.code')} extra={t('prevRep.risk.codeHint')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('prevRep.risk.codeHint') }]}><Input maxLength={6} data-testid="risk-code" /></Form.Item>
        <Form.Item name="name" label={t('prevRep.risk.name')} rules={[{ required: true, message: t('common.required', { label: t('prevRep.risk.name') }) }]}><Input maxLength={100} data-testid="risk-name" /></Form.Item>
        <Form.Item name="level" label={t('prevRep.risk.level')}><Select options={RISK_LEVELS.map((l) => ({ value: l, label: t(`prevRep.risk.levels.${l}`) }))} /></Form.Item>
        <Space>
          <Form.Item name="fromDay" label={t('prevRep.risk.fromDay')} rules={[{ required: true, message: t('common.required', { label: t('prevRep.risk.fromDay') }) }]}><DatePicker data-testid="risk-from" /></Form.Item>
          <Form.Item name="toDay" label={t('prevRep.risk.toDay')}><DatePicker /></Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** The risk-area list (中高风险地区): prevention staff add, end and remove areas; each change decides the arrivals again. */
export default function RiskAreasPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [active, setActive] = useState(true);
  const [level, setLevel] = useState<RiskLevel | undefined>(undefined);
  const [q, setQ] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const list = useRiskAreas({ active: active || undefined, level, q, page, pageSize: 20 });
  const end = useEndRiskArea();
  const remove = useRemoveRiskArea();
  const done = (r: { redecided: number }) => void message.success(t('prevRep.risk.redecided', { n: r.redecided }));
  const columns: TableColumnsType<RiskArea> = [
    { title: t('prevRep.risk.code'), dataIndex: 'code', width: 100 },
    { title: t('prevRep.risk.name'), dataIndex: 'name' },
    { title: t('prevRep.risk.level'), dataIndex: 'level', width: 130, render: (l: RiskLevel) => <Tag color={LEVEL_COLOR[l]}>{t(`prevRep.risk.levels.${l}`)}</Tag> },
    { title: t('prevRep.risk.fromDay'), dataIndex: 'fromDay', width: 120 },
    { title: t('prevRep.risk.toDay'), dataIndex: 'toDay', width: 120, render: (v: string | null) => v ?? <Tag color="red">{t('prevRep.risk.ongoing')}</Tag> },
    {
      title: t('common.actions'), key: 'a', width: 160,
      render: (_, r) => (
        <Space>
          {r.actions.includes('end') && r.toDay === null && <Popconfirm title={t('prevRep.risk.endConfirm')} onConfirm={() => end.mutate(r.id, { onSuccess: done, onError: (err) => showError(err) })}><Button size="small">{t('prevRep.risk.end')}</Button></Popconfirm>}
          {r.actions.includes('remove') && <Popconfirm title={t('prevRep.risk.removeConfirm')} onConfirm={() => remove.mutate(r.id, { onSuccess: done, onError: (err) => showError(err) })}><Button size="small" danger>{t('prevRep.risk.remove')}</Button></Popconfirm>}
        </Space>
      ),
    },
  ];
  return (
    <Card title={t('prevRep.risk.title')} data-testid="risk-areas-page">
      <Typography.Paragraph type="secondary">{t('prevRep.risk.intro')}</Typography.Paragraph>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Space wrap>
          <Input.Search allowClear onSearch={(v) => { setQ(v.trim() || undefined); setPage(1); }} placeholder={t('prevRep.risk.search')} style={{ width: 200 }} />
          <Select<RiskLevel> allowClear placeholder={t('prevRep.risk.level')} style={{ width: 140 }} value={level} onChange={(v) => { setLevel(v); setPage(1); }} options={RISK_LEVELS.map((l) => ({ value: l, label: t(`prevRep.risk.levels.${l}`) }))} />
          <Checkbox checked={active} onChange={(e) => { setActive(e.target.checked); setPage(1); }}>{t('prevRep.risk.active')}</Checkbox>
        </Space>
        <Space wrap>
          {list.data?.mayEdit && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="risk-add">{t('prevRep.risk.add')}</Button>}
          <Button icon={<DownloadOutlined />} onClick={() => void exportRiskAreas({ active: active || undefined, level, q }).then((name) => void message.success(t('common.exported', { name }))).catch((err: unknown) => showError(err))}>{t('common.exportExcel')}</Button>
        </Space>
      </Flex>
      {list.error && !list.data ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<RiskArea> rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching} data-testid="risk-table"
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { total: n }) }} />
      )}
      {adding && <AddRiskAreaModal onClose={() => setAdding(false)} />}
    </Card>
  );
}
