import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useCurrentUser } from '../../api/auth';
import { exportPolicies, usePolicies, type Policy, type PolicyFilters } from '../../api/policies';
import { QueryError } from '../../components/QueryError';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useShowError } from '../../lib/errors';
import { CategorySelect, LevelSelect, PolicyStatusSelect, PolicyStatusTag } from './shared';

/** 全面公示惠企专项政策清单: search, filters, paging and the Excel export. */
export default function PoliciesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const [filters, setFilters] = useState<PolicyFilters>({});
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [exporting, setExporting] = useState(false);
  const list = usePolicies({ ...filters, page, pageSize });
  const set = (next: PolicyFilters) => {
    setFilters(next);
    setPage(1);
  };
  const canManage = me.permissions.includes('policies.manage');

  const columns: TableColumnsType<Policy> = [
    { title: t('pol.field.title'), key: 'title', render: (_, p) => <Link to={`/policies/${p.id}`} data-testid={`pol-link-${p.title}`}>{p.title}</Link> },
    { title: t('pol.field.documentNumber'), dataIndex: 'documentNumber', width: 200, render: (v: string | null) => v ?? '—' },
    { title: t('pol.field.category'), dataIndex: 'category', width: 130, render: (c: string) => t(`pol.category.${c as 'credit'}`) },
    { title: t('pol.field.level'), dataIndex: 'level', width: 80, render: (c: string) => t(`pol.level.${c as 'city'}`) },
    { title: t('pol.field.region'), dataIndex: 'regionName', width: 90 },
    { title: t('pol.field.rule'), dataIndex: 'ruleText', ellipsis: true },
    { title: t('pol.field.benefit'), dataIndex: 'benefitText', width: 200, ellipsis: true },
    { title: t('pol.field.validity'), key: 'validity', width: 190, render: (_, p) => `${p.validFrom ?? ''} ~ ${p.validTo ?? ''}` },
    { title: t('pol.field.status'), dataIndex: 'status', width: 90, render: (s: Policy['status']) => <PolicyStatusTag status={s} /> },
  ];

  const onExport = () => {
    setExporting(true);
    exportPolicies(filters)
      .then((name) => void message.success(t('common.exported', { name })))
      .catch(showError)
      .finally(() => setExporting(false));
  };

  return (
    <Card title={t('pol.list.heading')} extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/policies/new')} data-testid="pol-create">{t('pol.list.create')}</Button>}>
      <Alert type="info" showIcon message={t('pol.list.hint')} style={{ marginBottom: 16 }} />
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <Input.Search allowClear style={{ width: 280 }} placeholder={t('pol.list.search')} value={q} onChange={(e) => setQ(e.target.value)} onSearch={(v) => set({ ...filters, q: v.trim() || undefined })} data-testid="pol-search" />
        <CategorySelect value={filters.category} onChange={(category) => set({ ...filters, category })} />
        <LevelSelect value={filters.level} onChange={(level) => set({ ...filters, level })} />
        {canManage && <PolicyStatusSelect value={filters.status} onChange={(status) => set({ ...filters, status })} />}
        <RegionTreeSelect placeholder={t('pol.field.region')} value={filters.regionCode} onChange={(regionCode) => set({ ...filters, regionCode })} style={{ width: 200 }} />
        <Space style={{ marginLeft: 'auto' }}>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={onExport}>{t('common.exportExcel')}</Button>
        </Space>
      </Flex>
      {list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Policy>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }), onChange: (p, s) => { setPage(p); setPageSize(s); } }}
          data-testid="pol-table"
        />
      )}
    </Card>
  );
}
