import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Statistic, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { downloadImportTemplate, useImport, type ImportReport } from '../../api/whitelist';
import { useShowError } from '../../lib/errors';

/** The server's import columns (server/src/modules/whitelist/import.ts IMPORT_COLUMNS), shown before the template is downloaded. */
const COLUMNS = ['统一社会信用代码', '企业名称', '主体类型', '行业', '地区代码', '法定代表人', '联系人', '联系电话', '用工人数', '总产值(万元)', '宿舍床位', '闭环容量', '防疫方案', '城市运行保障', '纳税信用等级', '欠税'];

export default function ImportPage() {
  const { t } = useTranslation();
  const imp = useImport();
  const showError = useShowError();
  const [report, setReport] = useState<ImportReport | null>(null);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="import-page">
      <Card title={t('wl.import.title')}>
        <Typography.Paragraph>{t('wl.import.intro')}</Typography.Paragraph>
        <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('wl.import.columns')}>
            <span data-testid="import-columns">{COLUMNS.map((c, i) => `${String.fromCharCode(65 + i)}：${c}`).join('；')}</span>
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary">{t('wl.import.columnNotes')}</Typography.Paragraph>
        <Space>
        <Button icon={<DownloadOutlined />} onClick={() => void downloadImportTemplate().catch((e: unknown) => showError(e))} data-testid="import-template">
          {t('wl.import.template')}
        </Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            setReport(null);
            imp.mutate(file, { onSuccess: setReport, onError: (err) => showError(err) });
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={imp.isPending} data-testid="import-upload">
            {t('wl.import.upload')}
          </Button>
        </Upload>
        </Space>
      </Card>
      {report && (
        <Card data-testid="import-report">
          <Space size={48} style={{ marginBottom: 16 }}>
            <Statistic title={t('wl.import.rows')} value={report.rows} />
            <Statistic title={t('wl.import.created')} value={report.created} styles={{ content: { color: '#16a34a' } }} />
            <Statistic title={t('wl.import.existing')} value={report.existing} />
            <Statistic title={t('wl.import.rejectedCount')} value={report.rejected.length} styles={{ content: { color: report.rejected.length ? '#dc2626' : undefined } }} />
          </Space>
          {report.rejected.length ? (
            <Table
              size="small"
              rowKey="row"
              data-testid="import-rejected"
              title={() => t('wl.import.rejected')}
              dataSource={report.rejected}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: t('wl.import.row'), dataIndex: 'row', width: 80 },
                { title: t('wl.import.reason'), dataIndex: 'reason' },
              ]}
            />
          ) : (
            <Alert type="success" showIcon title={t('wl.import.allLoaded')} />
          )}
        </Card>
      )}
    </Space>
  );
}
