import { useState } from 'react';
import { App, Button, Card, DatePicker, Popconfirm, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useCurrentUser } from '../../api/auth';
import { useGenerateWeekly, useWeeklyReports, type WeeklySummary } from '../../api/tasks';
import { QueryError } from '../../components/QueryError';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';

/** The weekly supervision reports (督查督办周报告) of the caller's region, earlier weeks kept. */
export default function WeeklyReportsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [regionCode, setRegionCode] = useState<string>();
  const [weeks, setWeeks] = useState<{ from?: string; to?: string }>({});
  const list = useWeeklyReports({ page, pageSize, regionCode, ...weeks });
  const generate = useGenerateWeekly();
  const columns: TableColumnsType<WeeklySummary> = [
    { title: t('tasks.weekly.weekOf'), dataIndex: 'weekOf', width: 140, render: (v: string, r) => <Link to={`/reports/weekly/${r.id}`} data-testid="weekly-open">{v}</Link> },
    { title: t('tasks.weekly.command'), dataIndex: 'commandName' },
    { title: t('tasks.weekly.period'), key: 'period', width: 300, render: (_, r) => `${formatTime(r.periodFrom)} — ${formatTime(r.periodTo)}` },
    { title: t('tasks.weekly.demandsNew'), key: 'dn', width: 100, render: (_, r) => r.totals.demand.created },
    { title: t('tasks.weekly.tasksNew'), key: 'tn', width: 100, render: (_, r) => r.totals.task.created },
    { title: t('tasks.weekly.overdueTotal'), key: 'ov', width: 100, render: (_, r) => r.totals.demand.overdue + r.totals.task.overdue },
    { title: t('tasks.weekly.generatedAt'), key: 'gen', width: 220, render: (_, r) => `${formatTime(r.generatedAt)} · ${r.generatedBy === 'system' ? t('tasks.weekly.system') : r.generatedBy}` },
  ];
  return (
    <Card
      title={t('tasks.weekly.pageTitle')}
      data-testid="weekly-page"
      extra={me.permissions.includes('reports.generate') && (
        <Popconfirm title={t('tasks.weekly.generateConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')}
          onConfirm={() => generate.mutateAsync().then((r) => { void message.success(t('tasks.weekly.generated', { name: `${r.commandName} ${r.weekOf}` })); void navigate(`/reports/weekly/${r.id}`); }, (e: unknown) => showError(e))}>
          <Button type="primary" icon={<ThunderboltOutlined />} loading={generate.isPending} data-testid="weekly-generate">{t('tasks.weekly.generateNow')}</Button>
        </Popconfirm>
      )}
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <RegionTreeSelect value={regionCode} onChange={(v) => { setRegionCode(v); setPage(1); }} placeholder={t('tasks.region')} style={{ width: 200 }} testId="weekly-filter-region" />
        <DatePicker.RangePicker placeholder={[t('tasks.weekly.fromWeek'), t('tasks.weekly.toWeek')]} data-testid="weekly-filter-weeks"
          onChange={(v) => { setWeeks({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') }); setPage(1); }} />
      </Space>
      {list.error && !list.data ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<WeeklySummary> rowKey="id" size="middle" loading={list.isFetching} columns={columns} dataSource={list.data?.items ?? []} data-testid="weekly-table"
          rowClassName={(r) => (dayjs(r.weekOf).isAfter(dayjs()) ? 'row-current' : '')}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }), onChange: (p, s) => { setPage(p); setPageSize(s); } }} />
      )}
    </Card>
  );
}
