import { useEffect, useRef, useState } from 'react';
import { Card, Col, Flex, Progress, Radio, Row, Space, Statistic, Table, Typography } from 'antd';
import * as echarts from 'echarts';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/auth';
import { GROUP_BYS, useCompliance, useComplianceTrend, type ComplianceGroup, type GroupBy, type TrendPoint } from '../../api/prevention';
import { QueryError } from '../../components/QueryError';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';

const DAYS = 14;

function TrendChart({ points }: { points: TrendPoint[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '—') },
      grid: { left: 48, right: 24, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: points.map((p) => p.day.slice(5)) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [{ name: t('prev.comp.trendSeries'), type: 'line', smooth: true, areaStyle: { opacity: 0.15 }, data: points.map((p) => p.rate) }],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [points, t]);
  return <div ref={ref} style={{ width: '100%', height: 300 }} data-testid="compliance-trend" />;
}

export default function CompliancePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [groupBy, setGroupBy] = useState<GroupBy>(me.enterpriseId ? 'unit' : 'enterprise');
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const data = useCompliance(groupBy, regionCode);
  const trend = useComplianceTrend(DAYS, regionCode);
  const total = data.data?.total;
  const rules = data.data?.rules;
  const columns = [
    { title: t('prev.comp.group'), dataIndex: 'label', key: 'label' },
    { title: t('prev.comp.total'), dataIndex: 'total', key: 'total', width: 90, align: 'right' as const },
    { title: t('prev.compliance.compliant'), dataIndex: 'compliant', key: 'compliant', width: 90, align: 'right' as const },
    { title: t('prev.compliance.due_soon'), dataIndex: 'dueSoon', key: 'dueSoon', width: 100, align: 'right' as const },
    { title: t('prev.compliance.overdue'), dataIndex: 'overdue', key: 'overdue', width: 100, align: 'right' as const, render: (v: number) => <span style={{ color: v ? '#dc2626' : undefined }}>{v}</span> },
    { title: t('prev.comp.rate'), dataIndex: 'rate', key: 'rate', width: 200, render: (v: number) => <Progress percent={v} size="small" status={v < 80 ? 'exception' : 'normal'} /> },
  ];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="prevention-compliance-page">
      <Card title={t('prev.comp.title')}>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Radio.Group value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupBy)} optionType="button" options={GROUP_BYS.filter((g) => !me.enterpriseId || g !== 'region').map((g) => ({ value: g, label: t(`prev.comp.by.${g}`) }))} />
          {!me.enterpriseId && <RegionTreeSelect value={regionCode} onChange={setRegionCode} placeholder={t('prev.field.region')} style={{ width: 200 }} testId="compliance-region" />}
        </Flex>
        {rules && <Typography.Paragraph type="secondary">{t('prev.comp.rulesNote', { regular: rules.testIntervalHours, mobile: rules.mobileContactIntervalHours, supply: rules.citySupplyIntervalHours, emergency: rules.emergencyClosedLoopIntervalHours })}</Typography.Paragraph>}
        {total && (
          <Row gutter={16} style={{ marginBottom: 16 }} data-testid="compliance-totals">
            <Col span={6}><Statistic title={t('prev.comp.total')} value={total.total} /></Col>
            <Col span={6}><Statistic title={t('prev.compliance.compliant')} value={total.compliant} valueStyle={{ color: '#16a34a' }} data-testid="total-compliant" /></Col>
            <Col span={6}><Statistic title={t('prev.compliance.due_soon')} value={total.dueSoon} valueStyle={{ color: '#d97706' }} /></Col>
            <Col span={6}><Statistic title={t('prev.compliance.overdue')} value={total.overdue} valueStyle={{ color: '#dc2626' }} data-testid="total-overdue" /></Col>
          </Row>
        )}
        {data.error && !data.data ? (
          <QueryError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<ComplianceGroup> data-testid="compliance-table" rowKey={(g) => g.key ?? 'none'} size="middle" columns={columns} dataSource={data.data?.groups ?? []} loading={data.isFetching} pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { total: n }) }} />
        )}
      </Card>
      <Card title={t('prev.comp.trend', { days: DAYS })}>
        {trend.error && !trend.data ? <QueryError error={trend.error} onRetry={() => void trend.refetch()} /> : <TrendChart points={trend.data ?? []} />}
      </Card>
    </Space>
  );
}
