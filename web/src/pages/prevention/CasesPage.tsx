import { useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../api/auth';
import { useRules } from '../../api/prevention';
import { CASE_STATES, exportCases, useCases, useFlagCase, type CaseFilters, type CaseState, type SuspectedCase } from '../../api/prevention-care';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import { CaseStateTag, EmployeePicker, EnterprisePicker } from './care-shared';

function FlagModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ employeeId: string; reason: string }>();
  const flag = useFlagCase();
  const showError = useShowError();
  const { message } = App.useApp();
  return (
    <Modal open title={t('prevCare.cases.flag')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={flag.isPending} okButtonProps={{ 'data-testid': 'flag-submit' }}>
      <Form form={form} layout="vertical" onFinish={(v) => flag.mutate(v, { onSuccess: () => { void message.success(t('prevCare.cases.flagged')); onClose(); }, onError: (err) => showError(err, form) })}>
        <Form.Item name="employeeId" label={t('prevCare.cases.employee')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('prevCare.cases.employee') }) }]}><EmployeePicker /></Form.Item>
        <Form.Item name="reason" label={t('prevCare.cases.reason')} rules={[{ required: true, min: 2, message: t('common.required', { label: t('prevCare.cases.reason') }) }]}><Input.TextArea rows={3} maxLength={1000} data-testid="flag-reason" /></Form.Item>
      </Form>
    </Modal>
  );
}

export default function CasesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const staff = me.permissions.includes('prevention.cases');
  const government = me.enterpriseId == null;
  const [filters, setFilters] = useState<CaseFilters>({ open: 'true' });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [flagging, setFlagging] = useState(false);
  const [exporting, setExporting] = useState(false);
  const list = useCases({ ...filters, page, pageSize });
  const rules = useRules();
  const showError = useShowError();
  const { message } = App.useApp();
  const set = (patch: Partial<CaseFilters>) => { setFilters((f) => ({ ...f, ...patch })); setPage(1); };
  const columns: TableColumnsType<SuspectedCase> = [
    { title: t('prev.field.name'), dataIndex: 'name', width: 100, render: (v: string, c) => <Link to={`/prevention/cases/${c.id}`} data-testid="case-link">{v}</Link> },
    { title: t('prev.field.idCard'), dataIndex: 'idCardMasked', width: 180 },
    ...(government ? [{ title: t('prev.field.enterprise'), dataIndex: 'enterpriseName', width: 220 }, { title: t('prev.field.region'), dataIndex: 'regionName', width: 90 }] : []),
    { title: t('prevCare.cases.state'), dataIndex: 'state', width: 150, render: (s: CaseState) => <CaseStateTag state={s} /> },
    { title: t('prevCare.cases.point'), dataIndex: 'observationPointName', width: 170, render: (v: string | null) => v ?? '—' },
    { title: t('prevCare.cases.flaggedAt'), dataIndex: 'flaggedAt', width: 170, render: formatTime },
    {
      title: t('prevCare.cases.retestDue'), dataIndex: 'retestDueAt', width: 200,
      render: (v: string | null, c) => (v && c.state === 'under_observation' ? <Space size={4}>{formatTime(v)}{c.retestOverdue && <Tag color="red">{t('prevCare.cases.overdue')}</Tag>}</Space> : '—'),
    },
    { title: t('prevCare.cases.quiet'), key: 'quiet', width: 120, render: (_, c) => (c.state === 'quiet_period' || c.state === 'returned' ? t('prevCare.cases.quietProgress', { done: c.quietTests, days: c.quietPeriodDays }) : '—') },
    { title: t('common.actions'), key: 'a', width: 90, render: (_, c) => <Link to={`/prevention/cases/${c.id}`}>{c.actions.length ? t('prevCare.cases.chooseAction') : t('prevCare.cases.detail')}</Link> },
  ];
  return (
    <Card
      title={t('prevCare.cases.title')} data-testid="prevention-cases-page"
      extra={
        <Space>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => { setExporting(true); exportCases(filters).then((name) => void message.success(t('common.exported', { name })), (err: unknown) => showError(err)).finally(() => setExporting(false)); }}>{t('common.exportExcel')}</Button>
          {staff && <Button type="primary" icon={<PlusOutlined />} onClick={() => setFlagging(true)} data-testid="flag-case">{t('prevCare.cases.flag')}</Button>}
        </Space>
      }
    >
      {rules.data && <Typography.Paragraph type="secondary">{t('prevCare.cases.intro', { retest: rules.data.rules.retestHours, days: rules.data.rules.quietPeriodDays })}{!staff && ` ${t('prevCare.cases.maskedNote')}`}</Typography.Paragraph>}
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<'true' | 'false'> allowClear style={{ width: 120 }} value={filters.open} placeholder={t('prevCare.cases.open')} onChange={(v) => set({ open: v })} options={[{ value: 'true', label: t('prevCare.cases.open') }, { value: 'false', label: t('prevCare.cases.closed') }]} />
        <Select<CaseState> allowClear style={{ width: 170 }} value={filters.state} placeholder={t('prevCare.cases.state')} onChange={(v) => set({ state: v })} options={CASE_STATES.map((s) => ({ value: s, label: t(`prevCare.state.${s}`) }))} />
        {government && <EnterprisePicker style={{ width: 260 }} value={filters.enterpriseId} onChange={(v) => set({ enterpriseId: v })} />}
        <Checkbox checked={filters.overdue === 'true'} onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })}>{t('prevCare.cases.overdueOnly')}</Checkbox>
      </Space>
      {list.error && !list.data ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<SuspectedCase>
          rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching} scroll={{ x: 1400 }}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, onChange: (p, s) => { setPage(p); setPageSize(s); }, showTotal: (n) => t('common.total', { total: n }) }}
        />
      )}
      {flagging && <FlagModal onClose={() => setFlagging(false)} />}
    </Card>
  );
}
