import { useState } from 'react';
import { App, Button, Card, Flex, Input, Select, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { exportWhitelist, LISTING_STATUSES, SERVICE_TIERS, useWlEnterprises, wanFromFen, type ListingStatus, type ServiceTier, type WlEnterprise, type WlFilters } from '../../api/whitelist';
import { QueryError } from '../../components/QueryError';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useShowError } from '../../lib/errors';
import { AppStatusTag, ListingTag, sectorLabel, SectorSelect, tierLabel } from './shared';

export default function WhitelistPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [filters, setFilters] = useState<WlFilters>({});
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [exporting, setExporting] = useState(false);
  const list = useWlEnterprises({ ...filters, page, pageSize });
  const set = (next: WlFilters) => { setFilters(next); setPage(1); };

  const columns: TableColumnsType<WlEnterprise> = [
    { title: t('wl.field.name'), key: 'name', render: (_, e) => <Link to={`/whitelist/enterprises/${e.id}`} data-testid={`wl-link-${e.uscc}`}>{e.name}</Link> },
    { title: t('wl.field.uscc'), dataIndex: 'uscc', width: 190 },
    { title: t('wl.field.region'), dataIndex: 'regionName', width: 100 },
    { title: t('wl.field.sector'), dataIndex: 'sector', width: 100, render: (s: string) => sectorLabel(t, s) },
    { title: t('wl.field.status'), dataIndex: 'listingStatus', width: 150, render: (s: string) => <ListingTag status={s} /> },
    { title: t('wl.field.appStatus'), dataIndex: 'applicationStatus', width: 130, render: (s: string | null) => <AppStatusTag status={s} /> },
    { title: t('wl.field.tier'), dataIndex: 'serviceTier', width: 90, render: (s: string | null) => tierLabel(t, s) },
    { title: t('wl.field.outputWan'), dataIndex: 'outputValueFen', width: 150, align: 'right', render: (f: number) => wanFromFen(f) },
    { title: t('wl.field.employees'), dataIndex: 'employees', width: 90, align: 'right' },
  ];

  const onExport = () => {
    setExporting(true);
    exportWhitelist(filters)
      .then((name) => void message.success(t('common.exported', { name })))
      .catch((err: unknown) => showError(err))
      .finally(() => setExporting(false));
  };

  return (
    <Card title={t('wl.list.title')} data-testid="whitelist-page">
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Space wrap>
          <Input.Search allowClear value={q} onChange={(e) => setQ(e.target.value)} onSearch={(v) => set({ ...filters, q: v.trim() || undefined })} placeholder={t('wl.list.search')} style={{ width: 260 }} data-testid="wl-search" />
          <RegionTreeSelect value={filters.regionCode} onChange={(regionCode) => set({ ...filters, regionCode })} placeholder={t('wl.field.region')} style={{ width: 180 }} testId="wl-filter-region" />
          <SectorSelect allowClear value={filters.sector} onChange={(sector) => set({ ...filters, sector })} testId="wl-filter-sector" />
          <Select<ListingStatus> allowClear style={{ width: 170 }} placeholder={t('wl.field.status')} value={filters.listingStatus} onChange={(listingStatus) => set({ ...filters, listingStatus })} options={LISTING_STATUSES.map((s) => ({ value: s, label: t(`wl.listing.${s}`) }))} data-testid="wl-filter-status" />
          <Select<ServiceTier> allowClear style={{ width: 120 }} placeholder={t('wl.field.tier')} value={filters.serviceTier} onChange={(serviceTier) => set({ ...filters, serviceTier })} options={SERVICE_TIERS.map((s) => ({ value: s, label: t(`wl.tier.${s}`) }))} data-testid="wl-filter-tier" />
        </Space>
        <Button icon={<DownloadOutlined />} onClick={onExport} loading={exporting} data-testid="wl-export">
          {t('common.exportExcel')}
        </Button>
      </Flex>
      {list.error && !list.data ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<WlEnterprise>
          data-testid="wl-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1200 }}
          onRow={(e) => ({ 'data-testid': `wl-row-${e.uscc}` }) as React.HTMLAttributes<HTMLElement>}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => { setPage(size === pageSize ? p : 1); setPageSize(size); },
          }}
        />
      )}
    </Card>
  );
}
