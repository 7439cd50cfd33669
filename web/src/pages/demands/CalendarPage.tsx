import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/auth';
import { useCalendar, useSaveCalendar, type CalendarDay } from '../../api/demandAdmin';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';

/** "2023-01-02,holiday,元旦" lines → days of one year; an error names the first bad line. */
function parseYear(text: string, year: string): { days: CalendarDay[]; error: { key: 'importBad' | 'importYearMismatch'; line: number; text: string } | null } {
  const days: CalendarDay[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const [day = '', kind = '', ...rest] = line.split(/[,，\t]/).map((x) => x.trim());
    const name = rest.join(' ').trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || (kind !== 'holiday' && kind !== 'workday') || !name) return { days, error: { key: 'importBad', line: i + 1, text: line } };
    if (!day.startsWith(`${year}-`)) return { days, error: { key: 'importYearMismatch', line: i + 1, text: line } };
    days.push({ day, kind, name: name.slice(0, 50) });
  }
  return { days, error: null };
}

/** The working-day calendar: holidays and make-up working days by year; the provincial command edits it. */
export default function CalendarPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const me = useCurrentUser();
  // The server lets only the provincial command replace the calendar (PUT answers 403 elsewhere).
  const canEdit = me.permissions.includes('demands.dispatch') && me.regionLevel === 'province' && me.enterpriseId === null;
  const q = useCalendar();
  const save = useSaveCalendar();
  const all = useMemo(() => q.data ?? [], [q.data]);
  const years = useMemo(() => [...new Set([...all.map((d) => d.day.slice(0, 4)), String(new Date().getFullYear())])].sort(), [all]);
  const [year, setYear] = useState<string | null>(null);
  const shown = year ?? years.find((y) => all.some((d) => d.day.startsWith(y))) ?? years[0]!;
  const rows = all.filter((d) => d.day.startsWith(`${shown}-`));
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [importText, setImportText] = useState('');
  const [form] = Form.useForm<{ day: Dayjs; kind: CalendarDay['kind']; name: string }>();

  const put = (days: CalendarDay[], after?: () => void) =>
    save.mutate([...days].sort((a, b) => a.day.localeCompare(b.day)), {
      onSuccess: () => {
        void message.success(t('demandAdmin.calendar.saved'));
        after?.();
      },
      onError: (e) => showError(e),
    });

  const columns: TableColumnsType<CalendarDay> = [
    { title: t('demandAdmin.calendar.day'), dataIndex: 'day', width: 140 },
    { title: t('demandAdmin.calendar.kind'), dataIndex: 'kind', width: 140, render: (k: CalendarDay['kind']) => <Tag color={k === 'holiday' ? 'red' : 'blue'}>{t(`demandAdmin.calendar.${k}`)}</Tag> },
    { title: t('demandAdmin.calendar.name'), dataIndex: 'name' },
    ...(canEdit
      ? [{
          title: '',
          key: 'op',
          width: 100,
          render: (_: unknown, d: CalendarDay) => (
            <Popconfirm title={t('demandAdmin.calendar.removeConfirm', { day: d.day, name: d.name })} onConfirm={() => put(all.filter((x) => x.day !== d.day))}>
              <Button type="link" danger size="small" data-testid={`calendar-remove-${d.day}`}>{t('demandAdmin.calendar.remove')}</Button>
            </Popconfirm>
          ),
        }]
      : []),
  ];
  const holidays = rows.filter((d) => d.kind === 'holiday').length;
  const parsed = parseYear(importText, shown);

  return (
    <Card
      data-testid="demand-calendar-page"
      title={t('demandAdmin.calendar.title')}
      extra={canEdit && (
        <Space>
          <Button onClick={() => setImporting(true)} data-testid="calendar-import">{t('demandAdmin.calendar.importYear')}</Button>
          <Button type="primary" onClick={() => setAdding(true)} data-testid="calendar-add">{t('demandAdmin.calendar.add')}</Button>
        </Space>
      )}
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Text type="secondary">{t('demandAdmin.calendar.intro')}</Typography.Text>
        {!canEdit && <Alert type="info" showIcon title={t('demandAdmin.calendar.readOnly')} />}
        <Space wrap>
          <Segmented<string> value={shown} options={years} onChange={setYear} data-testid="calendar-years" />
          <Typography.Text type="secondary">{t('demandAdmin.calendar.count', { holidays, workdays: rows.length - holidays })}</Typography.Text>
        </Space>
        {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
        <Table<CalendarDay> rowKey="day" size="small" data-testid="calendar-table" loading={q.isFetching || save.isPending} columns={columns} dataSource={rows} pagination={{ pageSize: 50, hideOnSinglePage: true }} />
      </Space>
      <Modal
        open={adding}
        title={t('demandAdmin.calendar.add')}
        onCancel={() => setAdding(false)}
        confirmLoading={save.isPending}
        onOk={() => void form.validateFields().then((v) => {
          const day = v.day.format('YYYY-MM-DD');
          if (all.some((d) => d.day === day)) {
            form.setFields([{ name: 'day', errors: [t('demandAdmin.calendar.exists')] }]);
            return;
          }
          put([...all, { day, kind: v.kind, name: v.name.trim() }], () => {
            setAdding(false);
            setYear(day.slice(0, 4));
            form.resetFields();
          });
        })}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'holiday' }}>
          <Form.Item name="day" label={t('demandAdmin.calendar.day')} rules={[{ required: true }]}>
            <DatePicker data-testid="calendar-day" />
          </Form.Item>
          <Form.Item name="kind" label={t('demandAdmin.calendar.kind')} rules={[{ required: true }]}>
            <Select options={[{ value: 'holiday', label: t('demandAdmin.calendar.holiday') }, { value: 'workday', label: t('demandAdmin.calendar.workday') }]} />
          </Form.Item>
          <Form.Item name="name" label={t('demandAdmin.calendar.name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={50} data-testid="calendar-name" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={importing}
        title={`${t('demandAdmin.calendar.importTitle')}（${shown}）`}
        onCancel={() => setImporting(false)}
        footer={[
          <Button key="cancel" onClick={() => setImporting(false)}>{t('common.cancel')}</Button>,
          <Popconfirm key="ok" title={t('demandAdmin.calendar.importReplace', { year: shown })} disabled={!!parsed.error || parsed.days.length === 0} onConfirm={() => put([...all.filter((d) => !d.day.startsWith(`${shown}-`)), ...parsed.days], () => { setImporting(false); setImportText(''); })}>
            <Button type="primary" disabled={!!parsed.error || parsed.days.length === 0} loading={save.isPending} data-testid="calendar-import-ok">{t('demandAdmin.calendar.importYear')}</Button>
          </Popconfirm>,
        ]}
      >
        <Typography.Paragraph type="secondary">{t('demandAdmin.calendar.importHelp')}</Typography.Paragraph>
        <Input.TextArea rows={10} value={importText} onChange={(e) => setImportText(e.target.value)} data-testid="calendar-import-text" />
        {parsed.error && <Alert style={{ marginTop: 8 }} type="error" title={t(`demandAdmin.calendar.${parsed.error.key}`, { line: parsed.error.line, text: parsed.error.text, year: shown })} />}
      </Modal>
    </Card>
  );
}
