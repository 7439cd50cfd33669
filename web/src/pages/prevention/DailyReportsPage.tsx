import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Flex, Form, Input, InputNumber, Popconfirm, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckCircleOutlined, DeleteOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/auth';
import { useEmployees, useRules } from '../../api/prevention';
import {
  BOARD_STATUSES, exportBoard, HEALTH_MEASURES, SYMPTOMS, useBoard, useFileDailyReport, useReportHistory, useTodayReport,
  type BoardFilters, type BoardItem, type BoardStatus, type DailyReport, type DailyReportInput,
} from '../../api/prevention-reports';
import { QueryError } from '../../components/QueryError';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import { ReportDrawer } from './ReportDrawer';

const STATUS_COLOR: Record<BoardStatus, string> = { reported: 'blue', zero: 'green', missing: 'red' };

/** The enterprise's own page: today's report with the one-click zero report, and its history. */
function EnterpriseReports() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const today = useTodayReport(true);
  const file = useFileDailyReport();
  const staff = useEmployees({ status: 'active', page: 1, pageSize: 200 });
  const [form] = Form.useForm<DailyReportInput>();
  const [page, setPage] = useState(1);
  const [zeroOnly, setZeroOnly] = useState<boolean | undefined>(undefined);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  // The day to file: today, or a missed day within the rule pack's window (filed late, settles its alert).
  const [lateDay, setLateDay] = useState<Dayjs | null>(null);
  const lateDays = useRules().data?.rules.lateReportDays ?? 0;
  const f = { zero: zeroOnly, from: range?.[0].format('YYYY-MM-DD'), to: range?.[1].format('YYYY-MM-DD') };
  const history = useReportHistory(page, 20, f);
  const d = today.data;
  const canFile = d?.actions.includes('file') ?? false;
  const send = (body: DailyReportInput, done: string) => file.mutate(lateDay ? { ...body, day: lateDay.format('YYYY-MM-DD') } : body, { onSuccess: () => void message.success(done), onError: (err) => showError(err, form) });
  const columns: TableColumnsType<DailyReport> = [
    { title: t('prevRep.daily.day'), dataIndex: 'day', width: 120 },
    { title: t('prevRep.daily.kind'), dataIndex: 'zero', width: 130, render: (z: boolean, r) => <>{z ? <Tag color="green">{t('prevRep.daily.zero')}</Tag> : <Tag color="blue">{t('prevRep.daily.normal')}</Tag>}{r.late && <Tag color="orange">{t('prevRep.daily.late')}</Tag>}</> },
    { title: t('prevRep.daily.onSite'), dataIndex: 'onSite', width: 90 },
    { title: t('prevRep.daily.symptomatic'), dataIndex: 'symptomatic', width: 110 },
    { title: t('prevRep.daily.isolated'), dataIndex: 'isolated', width: 90 },
    { title: t('prevRep.daily.observation'), dataIndex: 'observation', width: 90 },
    { title: t('prevRep.daily.filedBy'), dataIndex: 'filedBy', render: (v: string | null, r) => `${v ?? '—'} · ${formatTime(r.filedAt)}` },
    { title: t('common.actions'), key: 'a', width: 90, render: (_, r) => <Button size="small" onClick={() => setViewing(r.id)}>{t('prevRep.daily.view')}</Button> },
  ];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="daily-reports-page">
      {today.error && !d ? <QueryError error={today.error} onRetry={() => void today.refetch()} /> : (
        <Card title={lateDay ? t('prevRep.daily.lateTitle', { day: lateDay.format('YYYY-MM-DD') }) : d ? t('prevRep.daily.today', { day: d.day }) : t('prevRep.daily.title')} loading={today.isLoading}
          extra={canFile && <Space>{lateDays > 0 && <DatePicker allowClear style={{ width: 190 }} placeholder={t('prevRep.daily.lateDay')} value={lateDay} onChange={setLateDay} data-testid="late-day"
            disabledDate={(x) => !x.isBefore(dayjs(d?.day), 'day') || x.isBefore(dayjs(d?.day).subtract(lateDays, 'day'), 'day')} />}<Popconfirm title={t('prevRep.daily.zeroConfirm')} onConfirm={() => send({ zero: true }, t('prevRep.daily.zeroDone'))}><Button type="primary" icon={<CheckCircleOutlined />} loading={file.isPending} data-testid="zero-report">{t('prevRep.daily.zeroButton')}</Button></Popconfirm></Space>}>
          {d && (
            <>
              <Alert showIcon style={{ marginBottom: 16 }} type={d.report ? 'success' : 'warning'} data-testid="today-status"
                title={d.report ? `${t('prevRep.daily.filedAt', { time: formatTime(d.report.filedAt) })} · ${d.report.zero ? t('prevRep.daily.zero') : t('prevRep.daily.normal')}` : t('prevRep.daily.notFiled')}
                description={t('prevRep.daily.deadline', { hour: d.deadlineHour })} />
              {canFile && (
                <Form form={form} layout="vertical" initialValues={{ onSite: d.report?.onSite ?? d.onRoster, symptomatic: 0, isolated: 0, observation: 0, persons: [] }}
                  onFinish={(v) => send({ ...v, zero: false, note: v.note || null, persons: v.persons ?? [] }, t('prevRep.daily.filed'))}>
                  <Row gutter={16}>
                    <Col span={6}><Form.Item name="onSite" label={t('prevRep.daily.onSite')} extra={t('prevRep.daily.onRoster', { n: d.onRoster })} rules={[{ required: true }]}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
                    <Col span={6}><Form.Item name="symptomatic" label={t('prevRep.daily.symptomatic')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
                    <Col span={6}><Form.Item name="isolated" label={t('prevRep.daily.isolated')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
                    <Col span={6}><Form.Item name="observation" label={t('prevRep.daily.observation')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
                  </Row>
                  <div><Typography.Text strong>{t('prevRep.daily.persons')}</Typography.Text></div>
                  <Form.List name="persons">
                    {(fields, { add, remove }) => (
                      <>
                        {fields.map((field) => (
                          <Row gutter={8} key={field.key} style={{ marginTop: 8 }}>
                            <Col span={6}><Form.Item name={[field.name, 'employeeId']} rules={[{ required: true, message: t('common.required', { label: t('prevRep.daily.employee') }) }]}><Select showSearch optionFilterProp="label" placeholder={t('prevRep.daily.employee')} options={(staff.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name} · ${e.post}` }))} /></Form.Item></Col>
                            <Col span={6}><Form.Item name={[field.name, 'symptoms']} rules={[{ required: true, message: t('common.required', { label: t('prevRep.daily.symptoms') }) }]}><Select mode="multiple" placeholder={t('prevRep.daily.symptoms')} options={SYMPTOMS.map((s) => ({ value: s, label: t(`prevRep.symptom.${s}`) }))} /></Form.Item></Col>
                            <Col span={6}><Form.Item name={[field.name, 'detail']}><Input maxLength={500} placeholder={t('prevRep.daily.detail')} /></Form.Item></Col>
                            <Col span={4}><Form.Item name={[field.name, 'measure']} initialValue="observation"><Select options={HEALTH_MEASURES.map((m) => ({ value: m, label: t(`prevRep.measure.${m}`) }))} /></Form.Item></Col>
                            <Col span={2}><Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('prevRep.daily.remove')} /></Col>
                          </Row>
                        ))}
                        <Button icon={<PlusOutlined />} onClick={() => add()} style={{ margin: '8px 0 16px' }}>{t('prevRep.daily.addPerson')}</Button>
                      </>
                    )}
                  </Form.List>
                  <Form.Item name="note" label={t('prevRep.daily.note')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
                  <Button type="primary" htmlType="submit" loading={file.isPending} data-testid="daily-report-submit">{t('prevRep.daily.file')}</Button>
                </Form>
              )}
            </>
          )}
        </Card>
      )}
      <Card title={t('prevRep.daily.history')}>
        <Space wrap style={{ marginBottom: 16 }}>
          <DatePicker.RangePicker value={range} onChange={(v) => { setRange(v && v[0] && v[1] ? [v[0], v[1]] : null); setPage(1); }} />
          <Select<'zero' | 'normal'> allowClear placeholder={t('prevRep.daily.kind')} style={{ width: 140 }} onChange={(v) => { setZeroOnly(v === undefined ? undefined : v === 'zero'); setPage(1); }} options={[{ value: 'zero', label: t('prevRep.daily.zero') }, { value: 'normal', label: t('prevRep.daily.normal') }]} />
        </Space>
        {history.error && !history.data ? <QueryError error={history.error} onRetry={() => void history.refetch()} /> : (
          <Table<DailyReport> rowKey="id" size="middle" columns={columns} dataSource={history.data?.items ?? []} loading={history.isFetching} pagination={{ current: page, pageSize: 20, total: history.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { total: n }) }} />
        )}
      </Card>
      {viewing && <ReportDrawer id={viewing} onClose={() => setViewing(null)} />}
    </Space>
  );
}

/** Prevention staff: per region, who has reported, sent a zero report or is missing on a day. */
function Board() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [filters, setFilters] = useState<BoardFilters>({});
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [viewing, setViewing] = useState<string | null>(null);
  const board = useBoard({ ...filters, page, pageSize }, true);
  const set = (next: BoardFilters) => { setFilters(next); setPage(1); };
  const b = board.data;
  const columns: TableColumnsType<BoardItem> = [
    { title: t('prevRep.daily.region'), dataIndex: 'regionName', width: 100 },
    { title: t('prevRep.daily.enterprise'), dataIndex: 'enterpriseName' },
    { title: t('prevRep.daily.status'), dataIndex: 'status', width: 100, render: (s: BoardStatus) => <Tag color={STATUS_COLOR[s]}>{t(`prevRep.boardStatus.${s}`)}</Tag> },
    { title: t('prevRep.daily.onSite'), key: 'on', width: 90, render: (_, r) => r.report?.onSite ?? '—' },
    { title: t('prevRep.daily.symptomatic'), key: 'sy', width: 110, render: (_, r) => r.report?.symptomatic ?? '—' },
    { title: t('prevRep.daily.isolated'), key: 'is', width: 90, render: (_, r) => r.report?.isolated ?? '—' },
    { title: t('prevRep.daily.filedAtCol'), key: 'at', width: 180, render: (_, r) => (r.report ? formatTime(r.report.filedAt) : '—') },
    { title: t('common.actions'), key: 'a', width: 90, render: (_, r) => (r.report ? <Button size="small" onClick={() => setViewing(r.report!.id)}>{t('prevRep.daily.view')}</Button> : null) },
  ];
  return (
    <Card title={t('prevRep.daily.board')} data-testid="daily-reports-page">
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Space wrap>
          <DatePicker allowClear={false} value={dayjs(filters.day ?? b?.day)} onChange={(d) => d && set({ ...filters, day: d.format('YYYY-MM-DD') })} data-testid="board-day" />
          <RegionTreeSelect value={filters.regionCode} onChange={(regionCode) => set({ ...filters, regionCode })} placeholder={t('prevRep.daily.region')} style={{ width: 180 }} />
          <Select<BoardStatus> allowClear placeholder={t('prevRep.daily.status')} style={{ width: 120 }} value={filters.status} onChange={(status) => set({ ...filters, status })} options={BOARD_STATUSES.map((s) => ({ value: s, label: t(`prevRep.boardStatus.${s}`) }))} data-testid="board-status" />
          <Input.Search allowClear value={q} onChange={(e) => setQ(e.target.value)} onSearch={(v) => set({ ...filters, q: v.trim() || undefined })} placeholder={t('prevRep.daily.search')} style={{ width: 200 }} data-testid="board-search" />
        </Space>
        <Button icon={<DownloadOutlined />} onClick={() => void exportBoard(filters).then((name) => void message.success(t('common.exported', { name }))).catch((err: unknown) => showError(err))}>{t('common.exportExcel')}</Button>
      </Flex>
      {board.error && !b ? <QueryError error={board.error} onRetry={() => void board.refetch()} /> : (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={6}><Statistic title={t('prevRep.daily.expected')} value={b?.totals.expected ?? 0} /></Col>
            <Col span={6}><Statistic title={t('prevRep.daily.reported')} value={b?.totals.reported ?? 0} /></Col>
            <Col span={6}><Statistic title={t('prevRep.boardStatus.zero')} value={b?.totals.zero ?? 0} valueStyle={{ color: '#389e0d' }} /></Col>
            <Col span={6}><Statistic title={t('prevRep.daily.missing')} value={b?.totals.missing ?? 0} valueStyle={{ color: '#cf1322' }} /></Col>
          </Row>
          <Typography.Title level={5}>{t('prevRep.daily.byRegion')}</Typography.Title>
          <Table rowKey="regionCode" size="small" pagination={false} style={{ marginBottom: 16 }} dataSource={b?.regions ?? []} data-testid="board-regions"
            onRow={(r) => ({ onClick: () => set({ ...filters, regionCode: r.regionCode }), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('prevRep.daily.region'), dataIndex: 'regionName' },
              { title: t('prevRep.daily.expected'), dataIndex: 'expected' },
              { title: t('prevRep.daily.reported'), dataIndex: 'reported' },
              { title: t('prevRep.boardStatus.zero'), dataIndex: 'zero' },
              { title: t('prevRep.daily.missing'), dataIndex: 'missing', render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0) },
            ]} />
          <Table<BoardItem> rowKey="enterpriseId" size="middle" columns={columns} dataSource={b?.items ?? []} loading={board.isFetching} data-testid="board-table"
            pagination={{ current: page, pageSize, total: b?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { total: n }), onChange: (p, size) => { setPage(size === pageSize ? p : 1); setPageSize(size); } }} />
        </>
      )}
      {viewing && <ReportDrawer id={viewing} onClose={() => setViewing(null)} />}
    </Card>
  );
}

export default function DailyReportsPage() {
  const me = useCurrentUser();
  return me.enterpriseId ? <EnterpriseReports /> : <Board />;
}
