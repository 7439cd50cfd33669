import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';
import { useTranslation } from 'react-i18next';
import type { WeeklyReport } from '../../api/tasks';

/** New, closed and overdue per unit, as grouped bars (units with the most overdue first). */
export default function WeeklyChart({ rows }: { rows: WeeklyReport['data']['rows'] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const byUnit = new Map<string, { created: number; closed: number; overdue: number }>();
    for (const r of rows) {
      const x = byUnit.get(r.unit.label) ?? { created: 0, closed: 0, overdue: 0 };
      byUnit.set(r.unit.label, { created: x.created + r.created, closed: x.closed + r.closed, overdue: x.overdue + r.overdue });
    }
    const units = [...byUnit.entries()].sort((a, b) => b[1].overdue - a[1].overdue).slice(0, 15);
    const series = (['created', 'closed', 'overdue'] as const).map((k) => ({ name: t(`tasks.weekly.${k}`), type: 'bar' as const, data: units.map(([, v]) => v[k]), ...(k === 'overdue' ? { itemStyle: { color: '#cf1322' } } : {}) }));
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 24, top: 36, bottom: 80 },
      xAxis: { type: 'category', data: units.map(([label]) => label), axisLabel: { interval: 0, rotate: 30, width: 120, overflow: 'truncate' } },
      yAxis: { type: 'value', minInterval: 1 },
      series,
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [rows, t]);
  return <div ref={ref} style={{ width: '100%', height: 320 }} data-testid="weekly-chart" />;
}
