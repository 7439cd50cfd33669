import { useState } from 'react';
import { App, Button, Card, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DRUG_CLASSES, exportDrugPurchases, useDrugPurchases, type DrugClass, type DrugPurchase, type PurchaseFilters } from '../../api/prevention-tracing';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';

const COLOR: Record<DrugClass, string> = { fever: 'volcano', cough: 'gold', antiviral: 'purple', antibiotic: 'blue' };

export default function DrugPurchasesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [filters, setFilters] = useState<PurchaseFilters>({});
  const [page, setPage] = useState(1);
  const list = useDrugPurchases({ ...filters, page, pageSize: 20 });
  const set = (f: PurchaseFilters) => { setFilters(f); setPage(1); };
  const columns: TableColumnsType<DrugPurchase> = [
    { title: t('ptrace.purchases.purchasedAt'), dataIndex: 'purchasedAt', width: 170, render: formatTime },
    { title: t('ptrace.purchases.drugClass'), dataIndex: 'drugClass', width: 100, render: (c: DrugClass) => <Tag color={COLOR[c]}>{t(`ptrace.drugClass.${c}`)}</Tag> },
    { title: t('ptrace.purchases.idCard'), dataIndex: 'idCardMasked', width: 190 },
    { title: t('ptrace.purchases.phone'), dataIndex: 'phoneMasked', width: 130, render: (v: string | null) => v ?? '—' },
    { title: t('ptrace.purchases.pharmacy'), dataIndex: 'pharmacy' },
    { title: t('ptrace.purchases.region'), dataIndex: 'regionName', width: 100 },
    { title: t('ptrace.purchases.enterprise'), dataIndex: 'enterpriseName', render: (v: string | null) => v ?? '—' },
    { title: t('ptrace.purchases.alerted'), dataIndex: 'alerted', width: 90, render: (a: boolean) => <Tag color={a ? 'red' : 'default'}>{a ? t('ptrace.purchases.alertedYes') : t('ptrace.purchases.alertedNo')}</Tag> },
  ];
  return (
    <Card title={t('ptrace.purchases.title')} data-testid="prevention-purchases-page">
      <Typography.Paragraph type="secondary">{t('ptrace.purchases.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('ptrace.purchases.search')} style={{ width: 220 }} onSearch={(q) => set({ ...filters, q: q || undefined })} />
        <Select<DrugClass> allowClear placeholder={t('ptrace.purchases.drugClass')} style={{ width: 130 }} value={filters.drugClass} onChange={(drugClass) => set({ ...filters, drugClass })} options={DRUG_CLASSES.map((c) => ({ value: c, label: t(`ptrace.drugClass.${c}`) }))} />
        <DatePicker.RangePicker showTime onChange={(r) => set({ ...filters, from: r?.[0]?.toISOString(), to: r?.[1]?.toISOString() })} />
        <Button icon={<DownloadOutlined />} onClick={() => void exportDrugPurchases(filters).then((name) => void message.success(t('common.exported', { name }))).catch((err: unknown) => showError(err))}>{t('common.exportExcel')}</Button>
      </Space>
      {list.error && !list.data ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<DrugPurchase> rowKey="purchaseId" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching} pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { total: n }) }} />
      )}
    </Card>
  );
}
