import { useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Card, DatePicker, Form, InputNumber, Modal, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import * as echarts from 'echarts';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/auth';
import { useCoverage, useSetSectorTotal, wanFromFen, type CoverageRow, type Sector } from '../../api/whitelist';
import { QueryError } from '../../components/QueryError';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useShowError } from '../../lib/errors';
import { sectorLabel, SectorSelect } from './shared';
import { SectorTotalsCard } from './SectorTotalsCard';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

function CoverageChart({ rows, target }: { rows: CoverageRow[]; target: number }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const regions = [...new Set(rows.map((r) => r.regionName))];
    const sectors = [...new Set(rows.map((r) => r.sector))];
    chart.setOption({
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '—') },
      legend: { top: 0 },
      grid: { left: 48, right: 80, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: regions },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: sectors.map((s, i) => ({
        name: sectorLabel(t, s),
        type: 'bar',
        data: regions.map((name) => {
          const r = rows.find((x) => x.regionName === name && x.sector === s);
          return r?.coverage == null ? null : Math.round(r.coverage * 1000) / 10;
        }),
        ...(i === 0
          ? { markLine: { symbol: 'none', lineStyle: { color: '#ff4d4f', type: 'dashed' }, label: { formatter: t('wl.coverage.targetLine') }, data: [{ yAxis: target * 100 }] } }
          : {}),
      })),
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [rows, target, t]);
  return <div ref={ref} style={{ width: '100%', height: 360 }} data-testid="coverage-chart" />;
}

function SectorTotalModal({ regionCode, onClose }: { regionCode: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ regionCode: string; sector: Sector; effectiveFrom: Dayjs; totalWan: number }>();
  const set = useSetSectorTotal();
  const showError = useShowError();
  const { message } = App.useApp();
  return (
    <Modal open title={t('wl.coverage.sectorTotal')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={set.isPending} okButtonProps={{ 'data-testid': 'total-submit' }}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ regionCode, effectiveFrom: dayjs() }}
        onFinish={(v) =>
          set.mutate(
            { regionCode: v.regionCode, sector: v.sector, effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), totalOutputFen: Math.round(v.totalWan * 1e6) },
            { onSuccess: () => { void message.success(t('wl.coverage.totalSaved')); onClose(); }, onError: (err) => showError(err, form) },
          )
        }
      >
        <Form.Item name="regionCode" label={t('wl.field.region')} rules={[{ required: true }]}>
          <RegionTreeSelect allowClear={false} />
        </Form.Item>
        <Form.Item name="sector" label={t('wl.field.sector')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('wl.field.sector') }) }]}>
          <SectorSelect style={{ width: '100%' }} testId="total-sector" />
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t('wl.coverage.effectiveFrom')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="totalWan" label={t('wl.coverage.totalWan')} rules={[{ required: true, message: t('common.required', { label: t('wl.coverage.totalWan') }) }]}>
          <InputNumber min={0} style={{ width: '100%' }} data-testid="total-value" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function CoveragePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [regionCode, setRegionCode] = useState<string>(me.regionCode);
  const [date, setDate] = useState<Dayjs>(dayjs());
  const [entering, setEntering] = useState(false);
  const cov = useCoverage(regionCode, date.format('YYYY-MM-DD'));
  const rows = useMemo(() => cov.data?.rows ?? [], [cov.data]);
  const target = cov.data?.target ?? 0.7;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="coverage-page">
      <Card
        title={t('wl.coverage.title')}
        extra={
          me.permissions.includes('whitelist.import') && (
            <Button onClick={() => setEntering(true)} data-testid="coverage-enter-total">{t('wl.coverage.sectorTotal')}</Button>
          )
        }
      >
        <Space wrap style={{ marginBottom: 16 }}>
          <RegionTreeSelect value={regionCode} onChange={(v) => v && setRegionCode(v)} allowClear={false} style={{ width: 200 }} testId="coverage-region" />
          <DatePicker value={date} onChange={(d) => d && setDate(d)} allowClear={false} data-testid="coverage-date" />
          <Typography.Text type="secondary">{t('wl.coverage.target', { pct: pct(target) })}</Typography.Text>
        </Space>
        {cov.error && !cov.data ? (
          <QueryError error={cov.error} onRetry={() => void cov.refetch()} />
        ) : (
          <>
            <CoverageChart rows={rows} target={target} />
            <Table<CoverageRow>
              data-testid="coverage-table"
              size="small"
              rowKey={(r) => `${r.regionCode}-${r.sector}`}
              loading={cov.isFetching}
              dataSource={rows}
              pagination={false}
              onRow={(r) => ({ 'data-testid': `coverage-row-${r.regionCode}-${r.sector}`, className: r.belowTarget ? 'coverage-below' : undefined }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('wl.field.region'), dataIndex: 'regionName', width: 120 },
                { title: t('wl.field.sector'), dataIndex: 'sector', width: 120, render: (s: string) => sectorLabel(t, s) },
                { title: t('wl.coverage.whitelisted'), dataIndex: 'whitelistedFen', align: 'right', render: (f: number) => wanFromFen(f) },
                { title: t('wl.coverage.total'), dataIndex: 'totalFen', align: 'right', render: (f: number | null) => (f === null ? t('wl.coverage.noTotal') : wanFromFen(f)) },
                {
                  title: t('wl.coverage.coverage'),
                  dataIndex: 'coverage',
                  align: 'right',
                  width: 140,
                  render: (c: number | null, r) => (
                    <Typography.Text type={r.belowTarget ? 'danger' : undefined} strong={r.belowTarget} data-testid={r.belowTarget ? 'coverage-below' : undefined}>
                      {pct(c)}
                      {r.belowTarget ? ` · ${t('wl.coverage.below')}` : ''}
                    </Typography.Text>
                  ),
                },
              ]}
            />
          </>
        )}
      </Card>
      <SectorTotalsCard />
      {entering && <SectorTotalModal regionCode={regionCode} onClose={() => setEntering(false)} />}
    </Space>
  );
}
