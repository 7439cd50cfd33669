import { useState } from 'react';
import { App, Button, Card, Checkbox, Collapse, DatePicker, Descriptions, Empty, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, NodeIndexOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/auth';
import { useEmployees, useRules } from '../../api/prevention';
import { exportContacts, useLoopPicture, useTrace, type Contact, type TraceInput } from '../../api/prevention-tracing';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import { EnterprisePicker } from './EnterprisePicker';
import { LoopPicture } from './LoopPicture';

interface TraceForm { mode: 'employee' | 'idCard'; employeeId?: string; idCard?: string; range: [Dayjs, Dayjs]; reveal: boolean }

function ContactsTable({ rows, second, testId }: { rows: Contact[]; second?: boolean; testId: string }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Contact> = [
    { title: t('ptrace.trace.rank'), key: 'rank', width: 60, render: (_, __, i) => i + 1 },
    { title: t('ptrace.trace.name'), dataIndex: 'name', width: 120, render: (n: string | null) => n ?? <Typography.Text type="secondary">{t('ptrace.trace.notOnRoster')}</Typography.Text> },
    { title: t('ptrace.trace.idCardCol'), key: 'id', width: 200, render: (_, c) => c.idCard ?? c.idCardMasked },
    { title: t('ptrace.trace.overlaps'), dataIndex: 'overlaps', width: 90, align: 'right' },
    { title: t('ptrace.trace.minGap'), dataIndex: 'minGapMinutes', width: 120, align: 'right' },
    second
      ? { title: t('ptrace.trace.via'), dataIndex: 'via', width: 110, align: 'right' }
      : { title: t('ptrace.trace.sameUnit'), dataIndex: 'sameUnit', width: 110, render: (s: boolean) => (s ? <Tag color="red">{t('ptrace.trace.yes')}</Tag> : '—') },
    { title: t('ptrace.trace.venues'), dataIndex: 'venues', render: (v: string[]) => v.join('、') },
  ];
  return <Table<Contact> rowKey="personHash" size="small" columns={columns} dataSource={rows} pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { total: n }) }} data-testid={testId} />;
}

function TraceCard({ onEnterprise }: { onEnterprise: (id: string | undefined, units: string[]) => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const showError = useShowError();
  const rules = useRules();
  const [form] = Form.useForm<TraceForm>();
  const mode = Form.useWatch('mode', form) ?? 'employee';
  const [q, setQ] = useState('');
  const employees = useEmployees({ q: q || undefined, page: 1, pageSize: 20 });
  const trace = useTrace();
  const [last, setLast] = useState<TraceInput | null>(null);
  const [exporting, setExporting] = useState(false);
  const result = trace.data;
  const run = (input: TraceInput) => {
    setLast(input);
    trace.mutate(input, {
      onSuccess: (r) => {
        onEnterprise(r.person.enterpriseId ?? r.units[0]?.enterpriseId, r.units.map((u) => u.id));
        if (!r.scans.length) void message.info(t('ptrace.trace.empty'));
      },
      onError: (err) => showError(err, form),
    });
  };
  const submit = (v: TraceForm) => run({ ...(v.mode === 'employee' ? { employeeId: v.employeeId } : { idCard: v.idCard }), from: v.range[0].toISOString(), to: v.range[1].toISOString(), secondOrder: false, reveal: Boolean(v.reveal) });
  return (
    <Card title={t('ptrace.trace.title')} data-testid="tracing-card">
      <Typography.Paragraph type="secondary">{t('ptrace.trace.intro', { m: rules.data?.rules.contactWindowMinutes ?? 30 })}</Typography.Paragraph>
      <Form form={form} layout="inline" initialValues={{ mode: 'employee', range: [dayjs().subtract(14, 'day'), dayjs()], reveal: false }} onFinish={submit} style={{ rowGap: 12 }}>
        <Form.Item name="mode"><Radio.Group optionType="button" options={[{ value: 'employee', label: t('ptrace.trace.byEmployee') }, { value: 'idCard', label: t('ptrace.trace.byIdCard') }]} /></Form.Item>
        {mode === 'employee' ? (
          <Form.Item name="employeeId" rules={[{ required: true, message: t('common.requiredSelect', { label: t('ptrace.trace.employee') }) }]}>
            <Select showSearch filterOption={false} onSearch={setQ} style={{ width: 280 }} placeholder={t('ptrace.trace.employee')} loading={employees.isFetching} data-testid="trace-employee"
              options={(employees.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name} ${e.idCardMasked}${e.enterpriseName ? ` · ${e.enterpriseName}` : ''}` }))} />
          </Form.Item>
        ) : (
          <Form.Item name="idCard" rules={[{ required: true, message: t('common.required', { label: t('ptrace.trace.idCard') }) }]}><Input style={{ width: 220 }} maxLength={18} placeholder={t('ptrace.trace.idCard')} data-testid="trace-idcard" /></Form.Item>
        )}
        <Form.Item name="range" label={t('ptrace.trace.window')} rules={[{ required: true }]}><DatePicker.RangePicker showTime /></Form.Item>
        {me.permissions.includes('prevention.pii') && <Form.Item name="reveal" valuePropName="checked"><Checkbox>{t('ptrace.trace.reveal')}</Checkbox></Form.Item>}
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={trace.isPending} data-testid="trace-run">{t('ptrace.trace.run')}</Button>
      </Form>
      {result && (
        <Space direction="vertical" size={16} style={{ width: '100%', marginTop: 24 }}>
          <Descriptions size="small" bordered column={3} items={[
            { key: 'p', label: t('ptrace.trace.person'), children: `${result.person.name ?? t('ptrace.trace.notOnRoster')} ${result.person.idCard ?? result.person.idCardMasked}` },
            { key: 'w', label: t('ptrace.trace.window'), children: `±${result.windowMinutes} min` },
            { key: 's', label: t('ptrace.trace.scans'), children: result.scans.length },
          ]} />
          <Table rowKey={(s) => `${s.venueCode}@${s.scannedAt}`} size="small" pagination={{ pageSize: 10, hideOnSinglePage: true }} dataSource={result.scans} columns={[
            { title: t('ptrace.trace.scannedAt'), dataIndex: 'scannedAt', width: 180, render: formatTime },
            { title: t('ptrace.trace.venue'), dataIndex: 'venueName' },
            { title: t('ptrace.venues.code'), dataIndex: 'venueCode', width: 160 },
          ]} />
          <Card size="small" title={`${t('ptrace.trace.contacts')}（${result.contacts.length}）`} extra={<Space>
            <Button size="small" icon={<DownloadOutlined />} disabled={!result.contacts.length || !last} loading={exporting} data-testid="trace-export" onClick={() => { if (!last) return; setExporting(true); exportContacts({ ...last, secondOrder: Boolean(result.secondOrder) }, `contacts-${result.person.idCardMasked}.xlsx`).catch((err: unknown) => showError(err)).finally(() => setExporting(false)); }}>{t('ptrace.trace.export')}</Button>
            <Button size="small" icon={<NodeIndexOutlined />} disabled={!result.contacts.length || Boolean(result.secondOrder) || !last} loading={trace.isPending} onClick={() => last && run({ ...last, secondOrder: true })} data-testid="trace-second">{t('ptrace.trace.secondOrder')}</Button>
          </Space>}>
            {result.contacts.length ? <ContactsTable rows={result.contacts} testId="trace-contacts" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </Card>
          {result.secondOrder && (
            <Card size="small" title={`${t('ptrace.trace.secondContacts')}（${result.secondOrder.length}）`}>
              <ContactsTable rows={result.secondOrder} second testId="trace-second-contacts" />
            </Card>
          )}
          <Card size="small" title={`${t('ptrace.trace.units')}（${result.units.length}）`}>
            {result.units.length ? (
              <Collapse items={result.units.map((u) => ({
                key: u.id,
                label: <Space>{u.name}<Tag>{t('ptrace.trace.memberCount', { n: u.members.length })}</Tag>{u.isolated && <Tag color="red">{t('ptrace.unitStatus.isolated')}</Tag>}</Space>,
                children: <Table rowKey="employeeId" size="small" pagination={{ pageSize: 20, hideOnSinglePage: true }} dataSource={u.members} columns={[{ title: t('ptrace.trace.name'), dataIndex: 'name' }, { title: t('ptrace.trace.idCardCol'), dataIndex: 'idCardMasked' }, { title: t('ptrace.trace.post'), dataIndex: 'post' }]} />,
              }))} />
            ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </Card>
        </Space>
      )}
    </Card>
  );
}

export default function TracingPage() {
  const me = useCurrentUser();
  const mayTrace = me.permissions.includes('prevention.trace');
  const [enterpriseId, setEnterpriseId] = useState<string | undefined>(me.enterpriseId ? String(me.enterpriseId) : undefined);
  const [highlight, setHighlight] = useState<string[]>([]);
  const picture = useLoopPicture(enterpriseId);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="prevention-tracing-page">
      {mayTrace && <TraceCard onEnterprise={(id, units) => { if (id) setEnterpriseId(id); setHighlight(units); }} />}
      {!me.enterpriseId && <EnterprisePicker value={enterpriseId} onChange={setEnterpriseId} knownName={picture.data?.enterprise.name} />}
      {enterpriseId && <LoopPicture enterpriseId={enterpriseId} highlight={highlight} />}
    </Space>
  );
}
