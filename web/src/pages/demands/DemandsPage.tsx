import { useMemo, useState } from 'react';
import { App, Button, Card, Input, Segmented, Select, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DEMAND_CATEGORIES, DEMAND_STATES, exportDemands, URGENCIES, useDemands, type Demand, type DemandCategory, type DemandFilters, type DemandListView, type DemandState, type Urgency } from '../../api/demands';
import { useCurrentUser } from '../../api/auth';
import { QueryError } from '../../components/QueryError';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useShowError } from '../../lib/errors';
import { cappedShowTotal } from '../../lib/paging';
import { formatTime } from '../../lib/time';
import { DemandTags } from './shared';

/** The views a role works from: the enterprise its own, a unit its queue, a dispatcher the intake. */
function viewsFor(perms: string[], enterprise: boolean): DemandListView[] {
  if (enterprise) return ['all'];
  const out: DemandListView[] = [];
  if (perms.includes('demands.dispatch')) out.push('intake');
  if (perms.includes('demands.handle')) out.push('queue');
  out.push('all');
  if (perms.includes('demands.dispatch') || perms.includes('demands.supervise')) out.push('escalated', 'overdue');
  return out;
}

export default function DemandsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const showError = useShowError();
  const views = useMemo(() => viewsFor(me.permissions, me.enterpriseId !== null), [me]);
  const [view, setView] = useState<DemandListView>(views[0]!);
  const [q, setQ] = useState<string | undefined>();
  const [state, setState] = useState<DemandState | undefined>();
  const [category, setCategory] = useState<DemandCategory | undefined>();
  const [urgency, setUrgency] = useState<Urgency | undefined>();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [sort, setSort] = useState<'created' | 'deadline'>(view === 'queue' ? 'deadline' : 'created');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const filters: DemandFilters = { view, q, state, category, urgency, regionCode, sort };
  const list = useDemands({ ...filters, page, pageSize });
  const [exporting, setExporting] = useState(false);

  const columns: TableColumnsType<Demand> = [
    { title: t('demands.col.no'), dataIndex: 'no', width: 80, render: (no: number, d) => <Link to={`/demands/${d.id}`} data-testid={`demand-${d.no}`}>#{no}</Link> },
    { title: t('demands.col.title'), dataIndex: 'title', width: 260, ellipsis: true, render: (v: string, d) => <Link to={`/demands/${d.id}`}>{v}</Link> },
    ...(me.enterpriseId ? [] : [{ title: t('demands.col.enterprise'), dataIndex: 'enterpriseName', width: 220, ellipsis: true }, { title: t('demands.col.region'), dataIndex: 'regionName', width: 100 }]),
    { title: t('demands.col.category'), dataIndex: 'category', width: 100, render: (c: DemandCategory) => t(`demands.categories.${c}`) },
    { title: t('demands.col.urgency'), dataIndex: 'urgency', width: 110, render: (u: Urgency) => t(`demands.urgencies.${u}`) },
    { title: t('demands.col.state'), key: 'state', width: 170, render: (_, d) => <DemandTags d={d} /> },
    { title: t('demands.col.holder'), key: 'holder', width: 110, render: (_, d) => `${d.holderName}` },
    { title: t('demands.col.unit'), dataIndex: 'unitLabel', width: 180, ellipsis: true, render: (v: string | null) => v ?? t('common.none') },
    { title: t('demands.col.deadline'), key: 'deadline', width: 170, render: (_, d) => formatTime(d.answerDeadline ?? d.dispatchDeadline) },
    { title: t('demands.col.created'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v) },
  ];

  const reset = (fn: () => void) => {
    fn();
    setPage(1);
  };
  return (
    <Card data-testid="demands-page" title={t('demands.listTitle')} extra={me.permissions.includes('demands.file') ? <Link to="/demands/new"><Button type="primary">{t('demands.fileTitle')}</Button></Link> : null}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {views.length > 1 && (
          <Segmented<DemandListView> data-testid="demand-views" value={view} options={views.map((v) => ({ value: v, label: t(`demands.views.${v}`) }))} onChange={(v) => reset(() => { setView(v); setSort(v === 'queue' || v === 'intake' ? 'deadline' : 'created'); })} />
        )}
        <Space wrap>
          <Input.Search allowClear placeholder={t('demands.search')} style={{ width: 240 }} onSearch={(v) => reset(() => setQ(v || undefined))} data-testid="demand-search" />
          <Select allowClear placeholder={t('demands.col.state')} style={{ width: 130 }} value={state} onChange={(v) => reset(() => setState(v))} options={DEMAND_STATES.map((s) => ({ value: s, label: t(`demands.states.${s}`) }))} />
          <Select allowClear placeholder={t('demands.col.category')} style={{ width: 130 }} value={category} onChange={(v) => reset(() => setCategory(v))} options={DEMAND_CATEGORIES.map((s) => ({ value: s, label: t(`demands.categories.${s}`) }))} />
          <Select allowClear placeholder={t('demands.col.urgency')} style={{ width: 130 }} value={urgency} onChange={(v) => reset(() => setUrgency(v))} options={URGENCIES.map((s) => ({ value: s, label: t(`demands.urgencies.${s}`) }))} />
          {!me.enterpriseId && <RegionTreeSelect placeholder={t('demands.col.region')} value={regionCode} onChange={(v) => reset(() => setRegionCode(v))} style={{ width: 180 }} />}
          <Select style={{ width: 150 }} value={sort} onChange={(v) => reset(() => setSort(v))} options={[{ value: 'created', label: t('demands.sortCreated') }, { value: 'deadline', label: t('demands.sortDeadline') }]} />
          <Button loading={exporting} onClick={() => { setExporting(true); exportDemands(filters).then((name) => void message.success(t('common.exported', { name })), (e: unknown) => showError(e)).finally(() => setExporting(false)); }}>
            {t('common.exportExcel')}
          </Button>
        </Space>
        {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<Demand>
          rowKey="id"
          size="middle"
          data-testid="demand-table"
          loading={list.isFetching}
          columns={columns}
          scroll={{ x: 1600 }}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: cappedShowTotal(t, list.data), onChange: (p, s) => { setPage(p); setPageSize(s); } }}
        />
      </Space>
    </Card>
  );
}
