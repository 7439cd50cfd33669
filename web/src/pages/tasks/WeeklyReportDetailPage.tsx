import { App, Button, Card, Col, Descriptions, Flex, Row, Space, Statistic, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import ReactECharts from './WeeklyChart';
import { downloadWeekly, useWeeklyReport, type WeeklyReport } from '../../api/tasks';
import { QueryError } from '../../components/QueryError';
import { FullPageSpin } from '../../components/FullPageSpin';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import { useOverdueText } from './shared';

type Row = WeeklyReport['data']['rows'][number];
type Longest = WeeklyReport['data']['longestOverdue'][number];

/** One weekly report: totals, the figures per unit, the longest-overdue items, the notices; downloads. */
export default function WeeklyReportDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const overdueText = useOverdueText();
  const report = useWeeklyReport(id);
  if (report.error && !report.data) return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  if (!report.data) return <FullPageSpin />;
  const r = report.data;
  const d = r.data;
  const periodEnd = Date.parse(r.periodTo);
  const rowColumns: TableColumnsType<Row> = [
    { title: t('tasks.supervision.kind'), dataIndex: 'kind', width: 100, render: (k: Row['kind']) => t(`tasks.supervision.kinds.${k}`) },
    { title: t('tasks.supervision.unit'), key: 'unit', render: (_, x) => x.unit.label },
    { title: t('tasks.weekly.created'), dataIndex: 'created', width: 100 },
    { title: t('tasks.weekly.closed'), dataIndex: 'closed', width: 100 },
    { title: t('tasks.weekly.overdue'), dataIndex: 'overdue', width: 100 },
    { title: t('tasks.weekly.escalated'), dataIndex: 'escalated', width: 100 },
  ];
  const longestColumns: TableColumnsType<Longest> = [
    { title: t('tasks.supervision.kind'), dataIndex: 'kind', width: 100, render: (k: Longest['kind']) => t(`tasks.supervision.kinds.${k}`) },
    { title: t('tasks.supervision.item'), key: 'title', render: (_, x) => <Link to={x.link}>{x.title}</Link> },
    { title: t('tasks.supervision.unit'), dataIndex: 'unitLabel', width: 240, render: (v: string | null) => v ?? t('common.none') },
    { title: t('tasks.supervision.overdueSince'), dataIndex: 'overdueSince', width: 170, render: (v: string | null) => formatTime(v) },
    { title: t('tasks.supervision.overdueHours'), key: 'h', width: 130, render: (_, x) => (x.overdueSince ? overdueText(Math.max(0, Math.floor((periodEnd - Date.parse(x.overdueSince)) / 3600_000))) : t('common.none')) },
  ];
  const download = (format: 'xlsx' | 'pdf') => downloadWeekly(r.id, format).then((name) => void message.success(t('common.exported', { name })), (e: unknown) => showError(e));
  return (
    <Flex vertical gap={16} data-testid="weekly-detail">
      <Card title={`${t('tasks.weekly.pageTitle')} · ${d.commandName}`} extra={<Space><Button icon={<DownloadOutlined />} onClick={() => void download('xlsx')} data-testid="weekly-xlsx">{t('tasks.weekly.downloadExcel')}</Button><Button icon={<FilePdfOutlined />} onClick={() => void download('pdf')} data-testid="weekly-pdf">{t('tasks.weekly.downloadPdf')}</Button></Space>}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('tasks.weekly.weekOf')}>{r.weekOf}</Descriptions.Item>
          <Descriptions.Item label={t('tasks.weekly.period')}>{formatTime(r.periodFrom)} — {formatTime(r.periodTo)}</Descriptions.Item>
          <Descriptions.Item label={t('tasks.weekly.generatedAt')}>{formatTime(r.generatedAt)} · {r.generatedBy === 'system' ? t('tasks.weekly.system') : r.generatedBy}</Descriptions.Item>
        </Descriptions>
        <Row gutter={16} style={{ marginTop: 16 }}>
          {(['demand', 'task'] as const).map((k) => (
            <Col xs={24} md={12} key={k}>
              <Card size="small" title={t(`tasks.supervision.kinds.${k}`)}>
                <Row gutter={8}>
                  <Col span={6}><Statistic title={t('tasks.weekly.created')} value={d.totals[k].created} /></Col>
                  <Col span={6}><Statistic title={t('tasks.weekly.closed')} value={d.totals[k].closed} /></Col>
                  <Col span={6}><Statistic title={t('tasks.weekly.overdue')} value={d.totals[k].overdue} styles={{ content: { color: d.totals[k].overdue ? '#cf1322' : undefined } }} /></Col>
                  <Col span={6}><Statistic title={t('tasks.weekly.escalated')} value={d.totals[k].escalated} /></Col>
                </Row>
              </Card>
            </Col>
          ))}
        </Row>
      </Card>
      <Card title={t('tasks.weekly.byUnit')}>
        {d.rows.length > 0 && <ReactECharts rows={d.rows} />}
        <Table<Row> rowKey={(x) => `${x.kind}:${x.unit.type}:${x.unit.id}`} size="small" pagination={false} columns={rowColumns} dataSource={d.rows} data-testid="weekly-rows" />
      </Card>
      <Card title={t('tasks.weekly.longest')}>
        <Table<Longest> rowKey={(x) => `${x.kind}:${x.id}`} size="small" pagination={false} columns={longestColumns} dataSource={d.longestOverdue} data-testid="weekly-longest" />
      </Card>
      <Card title={t('tasks.weekly.notices')}>
        <Row gutter={16}>
          <Col span={6}><Statistic title={t('tasks.weekly.noticesIssued')} value={d.notices.issued} /></Col>
          <Col span={6}><Statistic title={t('tasks.weekly.noticesReplied')} value={d.notices.replied} /></Col>
          <Col span={6}><Statistic title={t('tasks.weekly.noticesClosed')} value={d.notices.closed} /></Col>
          <Col span={6}><Statistic title={t('tasks.weekly.noticesOverdue')} value={d.notices.overdue} /></Col>
        </Row>
      </Card>
    </Flex>
  );
}
