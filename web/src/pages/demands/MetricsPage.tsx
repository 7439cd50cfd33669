import { useEffect, useRef, useState } from 'react';
import { Card, DatePicker, Descriptions, Segmented, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import * as echarts from 'echarts';
import { App, Button } from 'antd';
import { downloadFile } from '../../api/client';
import { useShowError } from '../../lib/errors';
import { useTranslation } from 'react-i18next';
import { DEMAND_STATES, useDemandMetrics, type MetricsRow } from '../../api/demands';
import { QueryError } from '../../components/QueryError';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';

const pct = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)}%`);
const RATES = ['responseRate', 'resolutionRate', 'satisfactionRate', 'onTimeRate'] as const;

function RatesChart({ rows }: { rows: MetricsRow[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const top = rows.slice(0, 15);
    chart.setOption({
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '—') },
      legend: { top: 0 },
      grid: { left: 48, right: 24, top: 40, bottom: 60 },
      xAxis: { type: 'category', data: top.map((r) => r.label), axisLabel: { interval: 0, rotate: top.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: RATES.map((k) => ({ name: t(`demands.metrics.${k}`), type: 'bar', data: top.map((r) => r[k]) })),
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [rows, t]);
  return <div ref={ref} style={{ width: '100%', height: 360 }} data-testid="metrics-chart" />;
}

/** 三率 per region or unit, with an Excel download of the table as shown. */
export default function MetricsPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(30, 'day'), dayjs()]);
  const [groupBy, setGroupBy] = useState<'region' | 'unit'>('region');
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const q = useDemandMetrics({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), groupBy, regionCode });
  const rows = q.data?.rows ?? [];
  const columns: TableColumnsType<MetricsRow> = [
    { title: groupBy === 'region' ? t('demands.col.region') : t('demands.col.unit'), dataIndex: 'label' },
    { title: t('demands.metrics.total'), dataIndex: 'total', sorter: (a, b) => a.total - b.total },
    ...RATES.map((k) => ({ title: t(`demands.metrics.${k}`), dataIndex: k, render: (v: number | null) => pct(v), sorter: (a: MetricsRow, b: MetricsRow) => (a[k] ?? -1) - (b[k] ?? -1) })),
  ];
  const { message } = App.useApp();
  const showError = useShowError();
  const download = () =>
    downloadFile('/api/demands/metrics/export', { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), groupBy, regionCode }, '诉求三率统计.xlsx').then(
      (name) => void message.success(t('common.exported', { name })),
      (e: unknown) => showError(e),
    );
  return (
    <Card data-testid="demand-metrics-page" title={t('demands.metrics.title')}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Space wrap>
          <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
          <Segmented value={groupBy} onChange={(v) => setGroupBy(v as 'region' | 'unit')} options={[{ value: 'region', label: t('demands.metrics.byRegion') }, { value: 'unit', label: t('demands.metrics.byUnit') }]} />
          <RegionTreeSelect placeholder={t('demands.col.region')} value={regionCode} onChange={setRegionCode} style={{ width: 180 }} />
          <Button onClick={() => void download()} disabled={rows.length === 0}>{t('common.exportExcel')}</Button>
        </Space>
        {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
        <RatesChart rows={rows} />
        <Table<MetricsRow> rowKey="key" size="middle" loading={q.isFetching} columns={columns} dataSource={rows} pagination={{ pageSize: 20 }} />
        <Descriptions title={t('demands.metrics.avgHours')} size="small" bordered column={5}>
          {DEMAND_STATES.filter((s) => s !== 'closed').map((s) => (
            <Descriptions.Item key={s} label={t(`demands.states.${s}`)}>{q.data?.avgHours[s] !== undefined ? `${q.data.avgHours[s]} h` : '—'}</Descriptions.Item>
          ))}
        </Descriptions>
      </Space>
    </Card>
  );
}
