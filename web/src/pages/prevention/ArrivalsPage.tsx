import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Flex, Form, Input, Modal, Row, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/auth';
import { ARRIVAL_PERSON_KINDS, ARRIVAL_STATUSES, exportArrivals, useArrivals, useFileArrival, type Arrival, type ArrivalFilters, type ArrivalPersonKind, type ArrivalStatus } from '../../api/prevention-reports';
import { useWlEnterprises } from '../../api/whitelist';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';
import { formatTime, pickedToUtcIso } from '../../lib/time';
import { ARRIVAL_COLOR, DecisionText } from './arrival-shared';


interface FormValues { enterpriseId?: string; name: string; idCard: string; phone?: string; personKind: ArrivalPersonKind; originCode: string; originName: string; route: string; purpose: string; arrivalAt: Dayjs }

/** Filing: an enterprise files for its visitor or returning employee; prevention staff record one found elsewhere. */
function FileArrivalModal({ government, onClose }: { government: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<FormValues>();
  const [entQ, setEntQ] = useState('');
  const ents = useWlEnterprises({ q: entQ || undefined, page: 1, pageSize: 50 });
  const file = useFileArrival();
  const navigate = useNavigate();
  const req = (label: string) => [{ required: true, message: t('common.required', { label }) }];
  return (
    <Modal open width={720} title={government ? t('prevRep.arrivals.addFound') : t('prevRep.arrivals.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={file.isPending} okButtonProps={{ 'data-testid': 'arrival-submit' }}>
      {government && <Alert type="info" showIcon title={t('prevRep.arrivals.foundHint')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ personKind: 'visitor' }} onFinish={(v) => file.mutate({ ...v, phone: v.phone || null, arrivalAt: pickedToUtcIso(v.arrivalAt) }, {
        onSuccess: (a) => { void message.success(t('prevRep.arrivals.filed')); onClose(); void navigate(`/prevention/arrivals/${a.id}`); },
        onError: (err) => showError(err, form),
      })}>
        {government && (
          <Form.Item name="enterpriseId" label={t('prevRep.arrivals.enterprise')} rules={[{ required: true, message: t('prevRep.arrivals.enterpriseRequired') }]}>
            <Select showSearch filterOption={false} onSearch={setEntQ} loading={ents.isFetching} options={(ents.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))} />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col span={8}><Form.Item name="name" label={t('prevRep.arrivals.name')} rules={req(t('prevRep.arrivals.name'))}><Input maxLength={50} data-testid="arrival-name" /></Form.Item></Col>
          <Col span={10}><Form.Item name="idCard" label={t('prevRep.arrivals.idCard')} rules={req(t('prevRep.arrivals.idCard'))}><Input maxLength={18} data-testid="arrival-idcard" /></Form.Item></Col>
          <Col span={6}><Form.Item name="personKind" label={t('prevRep.arrivals.personKind')}><Select options={ARRIVAL_PERSON_KINDS.map((k) => ({ value: k, label: t(`prevRep.arrivals.personKinds.${k}`) }))} /></Form.Item></Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}><Form.Item name="phone" label={t('prevRep.arrivals.phone')}><Input maxLength={11} /></Form.Item></Col>
          <Col span={8}><Form.Item name="originCode" label={t('prevRep.arrivals.originCode')} rules={[...req(t('prevRep.arrivals.originCode')), { pattern: /^\d{6}$/, message: t('prevRep.risk.codeHint') }]}><Input maxLength={6} data-testid="arrival-origin-code" /></Form.Item></Col>
          <Col span={8}><Form.Item name="originName" label={t('prevRep.arrivals.originName')} rules={req(t('prevRep.arrivals.originName'))}><Input maxLength={100} data-testid="arrival-origin-name" /></Form.Item></Col>
        </Row>
        <Form.Item name="route" label={t('prevRep.arrivals.route')} rules={req(t('prevRep.arrivals.route'))}><Input maxLength={500} data-testid="arrival-route" /></Form.Item>
        <Row gutter={16}>
          <Col span={12}><Form.Item name="arrivalAt" label={t('prevRep.arrivals.arrivalAt')} rules={req(t('prevRep.arrivals.arrivalAt'))}><DatePicker showTime style={{ width: '100%' }} data-testid="arrival-at" /></Form.Item></Col>
          <Col span={12}><Form.Item name="purpose" label={t('prevRep.arrivals.purpose')} rules={req(t('prevRep.arrivals.purpose'))}><Input maxLength={500} data-testid="arrival-purpose" /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}


export default function ArrivalsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<ArrivalFilters>({});
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [adding, setAdding] = useState(false);
  const list = useArrivals({ ...filters, page, pageSize });
  const set = (next: ArrivalFilters) => { setFilters(next); setPage(1); };
  const canFile = me.permissions.includes('prevention.report');
  const columns: TableColumnsType<Arrival> = [
    { title: t('prevRep.arrivals.name'), dataIndex: 'name', width: 90, fixed: 'left' },
    { title: t('prevRep.arrivals.idCard'), dataIndex: 'idCardMasked', width: 180 },
    { title: t('prevRep.arrivals.personKind'), dataIndex: 'personKind', width: 100, render: (k: ArrivalPersonKind) => t(`prevRep.arrivals.personKinds.${k}`) },
    ...(me.enterpriseId ? [] : [{ title: t('prevRep.arrivals.enterprise'), dataIndex: 'enterpriseName', width: 200 }]),
    { title: t('prevRep.arrivals.originName'), dataIndex: 'originName', width: 160 },
    { title: t('prevRep.arrivals.arrivalAt'), dataIndex: 'arrivalAt', width: 170, render: formatTime },
    { title: t('prevRep.arrivals.decision'), key: 'd', width: 300, render: (_, a) => <DecisionText a={a} /> },
    { title: t('prevRep.arrivals.status'), dataIndex: 'status', width: 110, render: (s: ArrivalStatus) => <Tag color={ARRIVAL_COLOR[s]}>{t(`prevRep.arrivals.statuses.${s}`)}</Tag> },
    { title: t('prevRep.arrivals.late'), dataIndex: 'late', width: 80, render: (l: boolean) => (l ? <Tag color="magenta">{t('prevRep.arrivals.late')}</Tag> : '—') },
    { title: t('common.actions'), key: 'a', width: 90, render: (_, a) => <Button size="small" onClick={() => void navigate(`/prevention/arrivals/${a.id}`)}>{t('prevRep.daily.view')}</Button> },
  ];
  return (
    <Card title={t('prevRep.arrivals.title')} data-testid="arrivals-page">
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Space wrap>
          <Input.Search allowClear value={q} onChange={(e) => setQ(e.target.value)} onSearch={(v) => set({ ...filters, q: v.trim() || undefined })} placeholder={t('prevRep.arrivals.search')} style={{ width: 200 }} />
          <Select<ArrivalStatus> allowClear placeholder={t('prevRep.arrivals.status')} style={{ width: 130 }} value={filters.status} onChange={(status) => set({ ...filters, status })} options={ARRIVAL_STATUSES.map((s) => ({ value: s, label: t(`prevRep.arrivals.statuses.${s}`) }))} data-testid="arrival-filter-status" />
          <Input allowClear placeholder={t('prevRep.arrivals.originCode')} maxLength={6} style={{ width: 150 }} onChange={(e) => { const v = e.target.value.trim(); if (v === '' || /^\d{6}$/.test(v)) set({ ...filters, originCode: v || undefined }); }} />
          <DatePicker.RangePicker placeholder={[t('prevRep.arrivals.from'), t('prevRep.arrivals.to')]} onChange={(v) => set({ ...filters, from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })} />
          <Checkbox checked={filters.late === true} onChange={(e) => set({ ...filters, late: e.target.checked ? true : undefined })}>{t('prevRep.arrivals.lateOnly')}</Checkbox>
        </Space>
        <Space wrap>
          {canFile && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="arrival-add">{me.enterpriseId ? t('prevRep.arrivals.add') : t('prevRep.arrivals.addFound')}</Button>}
          <Button icon={<DownloadOutlined />} onClick={() => void exportArrivals(filters).then((name) => void message.success(t('common.exported', { name }))).catch((err: unknown) => showError(err))}>{t('common.exportExcel')}</Button>
        </Space>
      </Flex>
      {list.error && !list.data ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<Arrival> rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching} scroll={{ x: 1500 }} data-testid="arrivals-table"
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { total: n }), onChange: (p, size) => { setPage(size === pageSize ? p : 1); setPageSize(size); } }} />
      )}
      {adding && <FileArrivalModal government={!me.enterpriseId} onClose={() => setAdding(false)} />}
    </Card>
  );
}
