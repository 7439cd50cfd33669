import { useEffect, useRef, useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import * as echarts from 'echarts';
import { useTranslation } from 'react-i18next';
import { useIsolate, useLift, useLoopPicture, type LoopUnit } from '../../api/prevention-tracing';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';

const COLOR: Record<LoopUnit['status'], string> = { isolated: '#dc2626', scheduled: '#f59e0b', producing: '#16a34a' };

/** The enterprise's closed-loop units as a treemap: area by headcount, red isolated, green producing. */
function Treemap({ units, highlight }: { units: LoopUnit[]; highlight: Set<string> }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      // The treemap's root node has no unit: its label and tooltip stay empty.
      tooltip: { formatter: (p: { data?: { unit?: LoopUnit } }) => { const u = p.data?.unit; return u ? `${u.name}<br/>${t(`ptrace.unitStatus.${u.status}`)} · ${t('ptrace.trace.memberCount', { n: u.members })} · ${t('ptrace.trace.venueCount', { n: u.venues })}` : ''; } },
      series: [{
        type: 'treemap', roam: false, nodeClick: false, breadcrumb: { show: false }, width: '100%', height: '100%',
        label: { show: true, formatter: (p: { data?: { unit?: LoopUnit } }) => { const u = p.data?.unit; return u ? `${u.name}\n${t(`ptrace.unitStatus.${u.status}`)}\n${t('ptrace.trace.memberCount', { n: u.members })}` : ''; }, fontSize: 13 },
        data: units.map((u) => ({ name: u.name, value: Math.max(u.members, 1), unit: u, itemStyle: { color: COLOR[u.status], borderColor: highlight.has(u.id) ? '#111827' : '#ffffff', borderWidth: highlight.has(u.id) ? 4 : 2 } })),
      }],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [units, highlight, t]);
  return <div ref={ref} style={{ width: '100%', height: 320 }} data-testid="loop-picture" />;
}

/** The closed-loop picture with the isolation actions the server allows (mayIsolate). */
export function LoopPicture({ enterpriseId, highlight = [] }: { enterpriseId: string; highlight?: string[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const pic = useLoopPicture(enterpriseId);
  const isolate = useIsolate();
  const lift = useLift();
  const [target, setTarget] = useState<LoopUnit | null>(null);
  const [form] = Form.useForm<{ range: [Dayjs, Dayjs | null]; reason: string }>();
  const may = Boolean(pic.data?.mayIsolate);
  const columns: TableColumnsType<LoopUnit> = [
    { title: t('ptrace.venues.unit'), dataIndex: 'name', render: (n: string, u) => (highlight.includes(u.id) ? <Typography.Text strong>{n} ◀</Typography.Text> : n) },
    { title: t('prev.field.status'), dataIndex: 'status', width: 110, render: (s: LoopUnit['status']) => <Tag color={COLOR[s]}>{t(`ptrace.unitStatus.${s}`)}</Tag> },
    { title: t('ptrace.trace.members'), dataIndex: 'members', width: 90, align: 'right' },
    { title: t('ptrace.trace.from'), key: 'from', width: 170, render: (_, u) => (u.isolation ? formatTime(u.isolation.isolatedFrom) : '—') },
    { title: t('ptrace.trace.until'), key: 'until', width: 170, render: (_, u) => (u.isolation?.isolatedUntil ? formatTime(u.isolation.isolatedUntil) : '—') },
    { title: t('ptrace.trace.reason'), key: 'reason', render: (_, u) => u.isolation?.reason ?? '—' },
    ...(may ? [{
      title: t('common.actions'), key: 'a', width: 200,
      render: (_: unknown, u: LoopUnit) => (
        <Space>
          <Button size="small" danger onClick={() => { setTarget(u); form.setFieldsValue({ range: [dayjs(), null], reason: '' }); }}>{t('ptrace.trace.isolate')}</Button>
          {u.isolation && (
            <Popconfirm title={t('ptrace.trace.liftConfirm')} onConfirm={() => lift.mutate({ unitId: u.id, reason: t('ptrace.trace.lift') }, { onSuccess: () => void message.success(t('ptrace.trace.done')), onError: (err) => showError(err) })}>
              <Button size="small">{t('ptrace.trace.lift')}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    }] : []),
  ];
  return (
    <Card title={`${t('ptrace.trace.picture')}${pic.data ? ` · ${pic.data.enterprise.name}` : ''}`} data-testid="loop-picture-card">
      <Typography.Paragraph type="secondary">{t('ptrace.trace.pictureIntro')}</Typography.Paragraph>
      {pic.error && !pic.data ? <QueryError error={pic.error} onRetry={() => void pic.refetch()} /> : (
        <>
          <Treemap units={pic.data?.units ?? []} highlight={new Set(highlight)} />
          <Table<LoopUnit> rowKey="id" size="small" columns={columns} dataSource={pic.data?.units ?? []} loading={pic.isFetching} pagination={false} style={{ marginTop: 16 }} />
        </>
      )}
      {target && (
        <Modal open title={`${t('ptrace.trace.isolateTitle')} · ${target.name}`} onCancel={() => setTarget(null)} onOk={() => form.submit()} confirmLoading={isolate.isPending} okButtonProps={{ danger: true }}>
          <Form form={form} layout="vertical" onFinish={(v) => isolate.mutate({ unitId: target.id, from: v.range[0].toISOString(), until: v.range[1]?.toISOString() ?? null, reason: v.reason }, { onSuccess: () => { setTarget(null); void message.success(t('ptrace.trace.done')); }, onError: (err) => showError(err, form) })}>
            <Form.Item name="range" label={`${t('ptrace.trace.from')} / ${t('ptrace.trace.until')}`} rules={[{ required: true }]}><DatePicker.RangePicker showTime allowEmpty={[false, true]} /></Form.Item>
            <Form.Item name="reason" label={t('ptrace.trace.reason')} rules={[{ required: true, message: t('common.required', { label: t('ptrace.trace.reason') }) }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
          </Form>
        </Modal>
      )}
    </Card>
  );
}
