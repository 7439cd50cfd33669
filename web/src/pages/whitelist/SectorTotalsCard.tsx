import { useState } from 'react';
import { Alert, Button, Card, Modal, Space, Statistic, Table, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  downloadSectorTotalsTemplate,
  exportSectorTotals,
  useImportSectorTotals,
  useSectorTotals,
  wanFromFen,
  type Sector,
  type SectorTotal,
  type TotalsImportReport,
} from '../../api/whitelist';
import { useCurrentUser } from '../../api/auth';
import { QueryError } from '../../components/QueryError';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import { sectorLabel, SectorSelect } from './shared';

function ImportResult({ report }: { report: TotalsImportReport }) {
  const { t } = useTranslation();
  return (
    <div data-testid="totals-import-report">
      <Space size={40} style={{ marginBottom: 16 }}>
        <Statistic title={t('wl.import.rows')} value={report.rows} />
        <Statistic title={t('wl.import.created')} value={report.created} styles={{ content: { color: '#16a34a' } }} />
        <Statistic title={t('wl.totals.updated')} value={report.updated} />
        <Statistic title={t('wl.totals.unchanged')} value={report.unchanged} />
        <Statistic title={t('wl.import.rejectedCount')} value={report.rejected.length} styles={{ content: { color: report.rejected.length ? '#dc2626' : undefined } }} />
      </Space>
      {report.rejected.length ? (
        <Table
          size="small"
          rowKey="row"
          data-testid="totals-import-rejected"
          dataSource={report.rejected}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: t('wl.import.row'), dataIndex: 'row', width: 80 },
            { title: t('wl.import.reason'), dataIndex: 'reason' },
          ]}
        />
      ) : (
        <Alert type="success" showIcon title={t('wl.import.allLoaded')} />
      )}
    </div>
  );
}

/** Sector totals (the denominators of coverage) with their history, the Excel import and export. */
export function SectorTotalsCard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const showError = useShowError();
  const [regionCode, setRegionCode] = useState<string | undefined>(undefined);
  const [sector, setSector] = useState<Sector | undefined>(undefined);
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const [report, setReport] = useState<TotalsImportReport | null>(null);
  const list = useSectorTotals({ regionCode, sector, ...page });
  const imp = useImportSectorTotals();
  const canImport = me.permissions.includes('whitelist.import');
  return (
    <Card
      title={t('wl.totals.title')}
      data-testid="sector-totals"
      extra={
        <Space>
          <Button icon={<DownloadOutlined />} onClick={() => void exportSectorTotals({ regionCode, sector }).catch((e: unknown) => showError(e))} data-testid="totals-export">
            {t('common.exportExcel')}
          </Button>
          {canImport && (
            <>
              <Button onClick={() => void downloadSectorTotalsTemplate().catch((e: unknown) => showError(e))} data-testid="totals-template">{t('wl.import.template')}</Button>
              <Upload
                accept=".xlsx"
                showUploadList={false}
                beforeUpload={(file) => {
                  imp.mutate(file, { onSuccess: setReport, onError: (err) => showError(err) });
                  return false;
                }}
              >
                <Button type="primary" icon={<UploadOutlined />} loading={imp.isPending} data-testid="totals-upload">{t('wl.totals.import')}</Button>
              </Upload>
            </>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <RegionTreeSelect value={regionCode} placeholder={t('wl.field.region')} onChange={(v) => { setRegionCode(v ?? undefined); setPage((p) => ({ ...p, page: 1 })); }} style={{ width: 200 }} testId="totals-region" />
        <SectorSelect value={sector} onChange={(v) => { setSector(v ?? undefined); setPage((p) => ({ ...p, page: 1 })); }} allowClear style={{ width: 160 }} testId="totals-sector" />
      </Space>
      {list.error && !list.data ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<SectorTotal>
          size="small"
          rowKey="id"
          data-testid="totals-table"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
          columns={[
            { title: t('wl.field.region'), dataIndex: 'regionName', width: 120 },
            { title: t('wl.field.sector'), dataIndex: 'sector', width: 110, render: (s: string) => sectorLabel(t, s) },
            { title: t('wl.coverage.effectiveFrom'), dataIndex: 'effectiveFrom', width: 120 },
            { title: t('wl.coverage.totalWan'), dataIndex: 'totalOutputFen', align: 'right', render: (f: number) => wanFromFen(f) },
            { title: t('wl.totals.enteredBy'), dataIndex: 'enteredBy', width: 140 },
            { title: t('wl.totals.enteredAt'), dataIndex: 'enteredAt', width: 170, render: (v: string) => formatTime(v) },
          ]}
        />
      )}
      <Modal open={report !== null} title={t('wl.totals.importResult')} footer={null} onCancel={() => setReport(null)} width={720}>
        {report && <ImportResult report={report} />}
      </Modal>
    </Card>
  );
}
