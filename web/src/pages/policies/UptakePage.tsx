import { useEffect, useRef, useState } from 'react';
import { App, Button, Card, Col, Flex, Form, Input, InputNumber, Modal, Popconfirm, Row, Space, Switch, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import * as echarts from 'echarts';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/auth';
import { exportMatches, fenFromYuan, useDecideMatch, useMatches, useUptake, yuan, type Match, type MatchFilters, type UptakeRow } from '../../api/policies';
import { QueryError } from '../../components/QueryError';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useShowError } from '../../lib/errors';
import { UptakeSelect, UptakeTag } from './shared';

function UptakeChart({ rows, title }: { rows: UptakeRow[]; title: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const names = rows.map((r) => r.label);
    const s = (key: 'eligible' | 'applied' | 'disbursed', name: string) => ({ name, type: 'bar' as const, data: rows.map((r) => r[key]) });
    chart.setOption({
      title: { text: title, left: 0, textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, right: 0 },
      grid: { top: 48, left: 48, right: 16, bottom: 64 },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: names.length > 6 ? 30 : 0, interval: 0 } },
      yAxis: { type: 'value' },
      series: [s('eligible', t('pol.uptakePage.eligible')), s('applied', t('pol.uptakePage.applied')), s('disbursed', t('pol.uptakePage.disbursed'))],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [rows, title, t]);
  return <div ref={ref} style={{ height: 320 }} />;
}

type Decision = { match: Match; action: 'reject' | 'disburse' };

/** 应享尽享: figures by region, category and policy; the follow-up list with decisions and export. */
export default function UptakePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const showError = useShowError();
  const [filters, setFilters] = useState<MatchFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [exporting, setExporting] = useState(false);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [form] = Form.useForm<{ note?: string; amountYuan?: number }>();
  const base = { regionCode: filters.regionCode };
  const byRegion = useUptake('region', base);
  const byCategory = useUptake('category', base);
  const byPolicy = useUptake('policy', base);
  const list = useMatches({ ...filters, page, pageSize });
  const decide = useDecideMatch();
  const set = (next: MatchFilters) => {
    setFilters(next);
    setPage(1);
  };
  const catRows = (byCategory.data ?? []).map((r) => ({ ...r, label: t(`pol.category.${r.key as 'credit'}`) }));

  const policyColumns: TableColumnsType<UptakeRow> = [
    { title: t('pol.field.policy'), dataIndex: 'label' },
    { title: t('pol.uptakePage.eligible'), dataIndex: 'eligible', width: 90, align: 'right' },
    { title: t('pol.uptakePage.notified'), dataIndex: 'notified', width: 90, align: 'right' },
    { title: t('pol.uptakePage.applied'), dataIndex: 'applied', width: 90, align: 'right' },
    { title: t('pol.uptakePage.approved'), dataIndex: 'approved', width: 90, align: 'right' },
    { title: t('pol.uptakePage.disbursed'), dataIndex: 'disbursed', width: 90, align: 'right' },
    { title: t('pol.uptakePage.rate'), key: 'rate', width: 90, align: 'right', render: (_, r) => (r.eligible ? `${((r.applied * 100) / r.eligible).toFixed(1)}%` : '—') },
    { title: t('pol.uptakePage.benefitYuan'), dataIndex: 'benefitFen', width: 150, align: 'right', render: (f: number) => yuan(f) },
    { title: t('pol.uptakePage.disbursedYuan'), dataIndex: 'disbursedFen', width: 150, align: 'right', render: (f: number) => yuan(f) },
  ];
  const canDecide = me.permissions.includes('policies.manage');
  const matchColumns: TableColumnsType<Match> = [
    { title: t('pol.field.enterprise'), dataIndex: 'enterpriseName' },
    { title: t('pol.field.region'), dataIndex: 'regionName', width: 90 },
    { title: t('pol.field.policy'), dataIndex: 'policyTitle' },
    { title: t('pol.field.benefitYuan'), dataIndex: 'benefitFen', width: 130, align: 'right', render: (f: number | null) => yuan(f) },
    { title: t('pol.field.status'), dataIndex: 'status', width: 150, render: (s: Match['status']) => <UptakeTag status={s} /> },
    { title: t('pol.field.applicationRef'), dataIndex: 'applicationRef', width: 130, render: (v: string | null) => v ?? '—' },
    { title: t('pol.field.disbursedYuan'), dataIndex: 'disbursedFen', width: 130, align: 'right', render: (f: number | null) => yuan(f) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_, m) =>
        canDecide && (
          <Space size={4}>
            {m.actions.includes('approve') && (
              <Popconfirm title={t('pol.uptakePage.confirmApprove')} onConfirm={() => decide.mutate({ id: m.id, action: 'approve' }, { onError: (e) => showError(e) })}>
                <Button size="small" type="primary">{t('pol.uptakePage.approve')}</Button>
              </Popconfirm>
            )}
            {m.actions.includes('reject') && <Button size="small" danger onClick={() => { form.resetFields(); setDecision({ match: m, action: 'reject' }); }}>{t('pol.uptakePage.reject')}</Button>}
            {m.actions.includes('disburse') && <Button size="small" onClick={() => { form.setFieldsValue({ amountYuan: (m.benefitFen ?? 0) / 100 }); setDecision({ match: m, action: 'disburse' }); }}>{t('pol.uptakePage.disburse')}</Button>}
          </Space>
        ),
    },
  ];

  const onDecide = () =>
    void form.validateFields().then((v) => {
      if (!decision) return;
      const body = decision.action === 'reject' ? { note: v.note } : { amountFen: fenFromYuan(v.amountYuan ?? 0) };
      decide.mutate({ id: decision.match.id, action: decision.action, ...body }, { onSuccess: () => { void message.success(t('common.saved')); setDecision(null); }, onError: (e) => showError(e, form) });
    });
  const onExport = () => {
    setExporting(true);
    exportMatches(filters)
      .then((name) => void message.success(t('common.exported', { name })))
      .catch((e: unknown) => showError(e))
      .finally(() => setExporting(false));
  };
  const err = byRegion.error ?? byCategory.error ?? byPolicy.error;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t('pol.uptakePage.heading')} extra={<RegionTreeSelect placeholder={t('pol.field.region')} value={filters.regionCode} onChange={(regionCode) => set({ ...filters, regionCode })} style={{ width: 220 }} />}>
        {err ? (
          <QueryError error={err} onRetry={() => { void byRegion.refetch(); void byCategory.refetch(); void byPolicy.refetch(); }} />
        ) : (
          <>
            <Row gutter={16}>
              <Col span={12}><UptakeChart rows={byRegion.data ?? []} title={t('pol.uptakePage.byRegion')} /></Col>
              <Col span={12}><UptakeChart rows={catRows} title={t('pol.uptakePage.byCategory')} /></Col>
            </Row>
            <Table<UptakeRow> rowKey="key" size="small" style={{ marginTop: 16 }} loading={byPolicy.isFetching} columns={policyColumns} dataSource={byPolicy.data ?? []} pagination={false} title={() => t('pol.uptakePage.byPolicy')} data-testid="pol-uptake-table" />
          </>
        )}
      </Card>
      <Card title={t('pol.uptakePage.follow')}>
        <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
          <UptakeSelect value={filters.status} onChange={(status) => set({ ...filters, status })} />
          <Space><Switch checked={filters.notApplied === true} onChange={(on) => set({ ...filters, notApplied: on || undefined })} data-testid="pol-not-applied" />{t('pol.uptakePage.notApplied')}</Space>
          <Space><Switch checked={filters.includeLapsed === true} onChange={(on) => set({ ...filters, includeLapsed: on || undefined })} />{t('pol.uptakePage.includeLapsed')}</Space>
          <Button style={{ marginLeft: 'auto' }} icon={<DownloadOutlined />} loading={exporting} onClick={onExport}>{filters.notApplied ? t('pol.uptakePage.exportNotApplied') : t('common.exportExcel')}</Button>
        </Flex>
        {list.error ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Match>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            columns={matchColumns}
            dataSource={list.data?.items ?? []}
            pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }), onChange: (p, s) => { setPage(p); setPageSize(s); } }}
          />
        )}
      </Card>
      <Modal open={decision !== null} title={decision ? `${decision.action === 'reject' ? t('pol.uptakePage.reject') : t('pol.uptakePage.disburse')}：${decision.match.enterpriseName}` : ''} onCancel={() => setDecision(null)} onOk={onDecide} confirmLoading={decide.isPending} destroyOnHidden>
        <Form form={form} layout="vertical">
          {decision?.action === 'reject' ? (
            <Form.Item name="note" label={t('pol.uptakePage.note')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('pol.uptakePage.note') }) }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
          ) : (
            <Form.Item name="amountYuan" label={t('pol.uptakePage.amountYuan')} rules={[{ required: true, message: t('common.required', { label: t('pol.uptakePage.amountYuan') }) }]}><InputNumber min={0} precision={2} style={{ width: 220 }} /></Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
