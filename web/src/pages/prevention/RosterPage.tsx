import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Modal, Select, Space, Statistic, Table, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, EyeOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/auth';
import {
  COMPLIANCE_STATUSES, downloadRosterTemplate, EMPLOYEE_STATUSES, exportEmployees, POST_KINDS, UNIT_KINDS, useCreateEmployee, useCreateUnit, useEmployees, useImportRoster, useReveal, useUnits, useUpdateEmployee,
  type ComplianceStatus, type Employee, type EmployeeFilters, type EmployeeInput, type EmployeeStatus, type PostKind, type RosterImportReport, type UnitKind,
} from '../../api/prevention';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import { ComplianceTag } from './shared';

function AddEmployeeModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EmployeeInput>();
  const create = useCreateEmployee();
  const units = useUnits();
  const showError = useShowError();
  const { message } = App.useApp();
  return (
    <Modal open title={t('prev.roster.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} okButtonProps={{ 'data-testid': 'employee-submit' }}>
      <Form form={form} layout="vertical" initialValues={{ postKind: 'regular' }} onFinish={(v) => create.mutate({ ...v, phone: v.phone || null }, { onSuccess: () => { void message.success(t('prev.roster.created1')); onClose(); }, onError: (err) => showError(err, form) })}>
        <Form.Item name="name" label={t('prev.field.name')} rules={[{ required: true, message: t('common.required', { label: t('prev.field.name') }) }]}><Input maxLength={50} data-testid="employee-name" /></Form.Item>
        <Form.Item name="idCard" label={t('prev.field.idCard')} rules={[{ required: true, message: t('common.required', { label: t('prev.field.idCard') }) }]}><Input maxLength={18} data-testid="employee-idcard" /></Form.Item>
        <Form.Item name="phone" label={t('prev.field.phone')}><Input maxLength={11} /></Form.Item>
        <Form.Item name="post" label={t('prev.field.post')} rules={[{ required: true, message: t('common.required', { label: t('prev.field.post') }) }]}><Input maxLength={50} data-testid="employee-post" /></Form.Item>
        <Form.Item name="postKind" label={t('prev.field.postKind')} rules={[{ required: true }]}><Select options={POST_KINDS.map((k) => ({ value: k, label: t(`prev.postKind.${k}`) }))} /></Form.Item>
        <Form.Item name="unitId" label={t('prev.field.unit')}><Select allowClear options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
        <Form.Item name="dormitory" label={t('prev.field.dormitory')}><Input maxLength={100} /></Form.Item>
      </Form>
    </Modal>
  );
}

function AddUnitModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string; kind: UnitKind }>();
  const create = useCreateUnit();
  const showError = useShowError();
  return (
    <Modal open title={t('prev.roster.addUnit')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending}>
      <Form form={form} layout="vertical" initialValues={{ kind: 'workshop' }} onFinish={(v) => create.mutate(v, { onSuccess: onClose, onError: (err) => showError(err, form) })}>
        <Form.Item name="name" label={t('prev.roster.unitName')} rules={[{ required: true, message: t('common.required', { label: t('prev.roster.unitName') }) }]}><Input maxLength={50} /></Form.Item>
        <Form.Item name="kind" label={t('prev.roster.unitKind')}><Select options={UNIT_KINDS.map((k) => ({ value: k, label: t(`prev.unitKind.${k}`) }))} /></Form.Item>
      </Form>
    </Modal>
  );
}

function RevealModal({ employee, onClose }: { employee: Employee; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ purpose: string }>();
  const reveal = useReveal();
  const showError = useShowError();
  return (
    <Modal open title={t('prev.roster.revealTitle')} onCancel={onClose} onOk={() => (reveal.data ? onClose() : form.submit())} confirmLoading={reveal.isPending} okButtonProps={{ 'data-testid': 'reveal-submit' }}>
      <Alert type="warning" showIcon title={t('prev.roster.revealHint')} style={{ marginBottom: 16 }} />
      {reveal.data ? (
        <Descriptions bordered size="small" column={1} title={t('prev.roster.revealed')} data-testid="reveal-result">
          <Descriptions.Item label={t('prev.field.name')}>{employee.name}</Descriptions.Item>
          <Descriptions.Item label={t('prev.field.idCard')}>{reveal.data.idCard}</Descriptions.Item>
          <Descriptions.Item label={t('prev.field.phone')}>{reveal.data.phone ?? '—'}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Form form={form} layout="vertical" onFinish={(v) => reveal.mutate({ id: employee.id, purpose: v.purpose }, { onError: (err) => showError(err, form) })}>
          <Form.Item name="purpose" label={t('prev.roster.revealPurpose')} rules={[{ required: true, min: 2, message: t('common.required', { label: t('prev.roster.revealPurpose') }) }]}><Input maxLength={200} data-testid="reveal-purpose" /></Form.Item>
        </Form>
      )}
    </Modal>
  );
}

function ImportCard() {
  const { t } = useTranslation();
  const imp = useImportRoster();
  const showError = useShowError();
  const [report, setReport] = useState<RosterImportReport | null>(null);
  return (
    <>
      <Space>
        <Upload accept=".xlsx" showUploadList={false} beforeUpload={(file) => { setReport(null); imp.mutate(file, { onSuccess: setReport, onError: (err) => showError(err) }); return false; }}>
          <Button icon={<UploadOutlined />} loading={imp.isPending} data-testid="roster-import">{t('prev.roster.import')}</Button>
        </Upload>
        <Button icon={<DownloadOutlined />} onClick={() => void downloadRosterTemplate().catch((err: unknown) => showError(err))}>{t('prev.roster.template')}</Button>
      </Space>
      {report && (
        <Modal open title={t('prev.roster.importTitle')} footer={null} onCancel={() => setReport(null)} width={720}>
          <Space size={32} style={{ marginBottom: 16 }} data-testid="roster-import-report">
            <Statistic title={t('prev.roster.rows')} value={report.rows} />
            <Statistic title={t('prev.roster.created')} value={report.created} />
            <Statistic title={t('prev.roster.existing')} value={report.existing} />
            <Statistic title={t('prev.roster.unitsCreated')} value={report.unitsCreated} />
            <Statistic title={t('prev.roster.rejected')} value={report.rejected.length} />
          </Space>
          {report.rejected.length ? (
            <Table size="small" rowKey="row" dataSource={report.rejected} pagination={{ pageSize: 10, hideOnSinglePage: true }} columns={[{ title: t('prev.roster.row'), dataIndex: 'row', width: 80 }, { title: t('prev.roster.reason'), dataIndex: 'reason' }]} />
          ) : (
            <Alert type="success" showIcon title={t('prev.roster.allLoaded')} />
          )}
        </Modal>
      )}
    </>
  );
}

export default function RosterPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const showError = useShowError();
  const [filters, setFilters] = useState<EmployeeFilters>({});
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [modal, setModal] = useState<'employee' | 'unit' | null>(null);
  const [revealing, setRevealing] = useState<Employee | null>(null);
  const list = useEmployees({ ...filters, page, pageSize });
  const units = useUnits();
  const update = useUpdateEmployee();
  const canEdit = me.permissions.includes('prevention.roster') && me.enterpriseId !== null;
  const set = (next: EmployeeFilters) => { setFilters(next); setPage(1); };

  const columns: TableColumnsType<Employee> = [
    { title: t('prev.field.name'), dataIndex: 'name', width: 90, fixed: 'left' },
    ...(me.enterpriseId ? [] : [{ title: t('prev.field.enterprise'), dataIndex: 'enterpriseName', width: 220 }, { title: t('prev.field.region'), dataIndex: 'regionName', width: 90 }]),
    { title: t('prev.field.idCard'), dataIndex: 'idCardMasked', width: 180 },
    { title: t('prev.field.phone'), dataIndex: 'phoneMasked', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('prev.field.post'), dataIndex: 'post', width: 100 },
    { title: t('prev.field.postKind'), dataIndex: 'postKind', width: 130, render: (k: PostKind) => t(`prev.postKind.${k}`) },
    { title: t('prev.field.unit'), dataIndex: 'unitName', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t('prev.field.status'), dataIndex: 'status', width: 90, render: (s: EmployeeStatus, e) => (canEdit && e.actions.includes('edit') ? <Select<EmployeeStatus> size="small" value={s} style={{ width: 80 }} onChange={(status) => update.mutate({ id: e.id, status }, { onSuccess: () => void message.success(t('prev.roster.saved')), onError: (err) => showError(err) })} options={EMPLOYEE_STATUSES.map((x) => ({ value: x, label: t(`prev.status.${x}`) }))} /> : t(`prev.status.${s}`)) },
    { title: t('prev.field.lastNegative'), dataIndex: 'lastNegativeAt', width: 170, render: (v: string | null) => formatTime(v) },
    { title: t('prev.field.interval'), dataIndex: 'intervalHours', width: 90, render: (h: number) => t('prev.hours', { h }) },
    { title: t('prev.field.compliance'), dataIndex: 'compliance', width: 110, render: (s: ComplianceStatus, e) => (e.status === 'active' ? <ComplianceTag status={s} /> : '—') },
    { title: t('common.actions'), key: 'actions', width: 120, render: (_, e) => (e.actions.includes('reveal') ? <Button size="small" icon={<EyeOutlined />} onClick={() => setRevealing(e)} data-testid={`reveal-${e.id}`}>{t('prev.roster.reveal')}</Button> : null) },
  ];

  return (
    <Card title={t('prev.roster.title')} data-testid="prevention-roster-page">
      <Typography.Paragraph type="secondary">{t('prev.roster.masked')} {me.enterpriseId ? '' : t('prev.roster.govNote')}</Typography.Paragraph>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Space wrap>
          <Input.Search allowClear value={q} onChange={(e) => setQ(e.target.value)} onSearch={(v) => set({ ...filters, q: v.trim() || undefined })} placeholder={t('prev.roster.search')} style={{ width: 200 }} data-testid="roster-search" />
          {me.enterpriseId && <Select allowClear placeholder={t('prev.field.unit')} style={{ width: 140 }} value={filters.unitId} onChange={(unitId: string | undefined) => set({ ...filters, unitId })} options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />}
          <Select<PostKind> allowClear placeholder={t('prev.field.postKind')} style={{ width: 150 }} value={filters.postKind} onChange={(postKind) => set({ ...filters, postKind })} options={POST_KINDS.map((k) => ({ value: k, label: t(`prev.postKind.${k}`) }))} />
          <Select<EmployeeStatus> allowClear placeholder={t('prev.field.status')} style={{ width: 100 }} value={filters.status} onChange={(status) => set({ ...filters, status })} options={EMPLOYEE_STATUSES.map((k) => ({ value: k, label: t(`prev.status.${k}`) }))} />
          <Select<ComplianceStatus> allowClear placeholder={t('prev.field.compliance')} style={{ width: 120 }} value={filters.compliance} onChange={(compliance) => set({ ...filters, compliance })} options={COMPLIANCE_STATUSES.map((k) => ({ value: k, label: t(`prev.compliance.${k}`) }))} data-testid="roster-filter-compliance" />
        </Space>
        <Space wrap>
          {canEdit && <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal('employee')} data-testid="employee-add">{t('prev.roster.add')}</Button>}
          {canEdit && <Button icon={<PlusOutlined />} onClick={() => setModal('unit')}>{t('prev.roster.addUnit')}</Button>}
          {canEdit && <ImportCard />}
          <Button icon={<DownloadOutlined />} onClick={() => void exportEmployees(filters).then((name) => void message.success(t('common.exported', { name }))).catch((err: unknown) => showError(err))}>{t('common.exportExcel')}</Button>
        </Space>
      </Flex>
      {list.error && !list.data ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Employee>
          data-testid="roster-table" rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching} scroll={{ x: 1500 }}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }), onChange: (p, size) => { setPage(size === pageSize ? p : 1); setPageSize(size); } }}
        />
      )}
      {modal === 'employee' && <AddEmployeeModal onClose={() => setModal(null)} />}
      {modal === 'unit' && <AddUnitModal onClose={() => setModal(null)} />}
      {revealing && <RevealModal employee={revealing} onClose={() => setRevealing(null)} />}
    </Card>
  );
}
