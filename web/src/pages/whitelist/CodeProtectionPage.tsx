import { useState } from 'react';
import { Alert, App, Button, Card, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { exportCodeProtection } from '../../api/whitelist';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useShowError } from '../../lib/errors';

export default function CodeProtectionPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [busy, setBusy] = useState<'xlsx' | 'csv' | null>(null);
  const run = (format: 'xlsx' | 'csv') => {
    setBusy(format);
    exportCodeProtection(format, regionCode)
      .then((name) => void message.success(t('common.exported', { name })))
      .catch((err: unknown) => showError(err))
      .finally(() => setBusy(null));
  };
  return (
    <Card title={t('wl.codeProtection.title')} data-testid="code-protection-page">
      <Alert type="warning" showIcon title={t('wl.codeProtection.intro')} style={{ marginBottom: 16 }} />
      <Space wrap>
        <RegionTreeSelect value={regionCode} onChange={setRegionCode} placeholder={t('wl.codeProtection.region')} style={{ width: 200 }} testId="cp-region" />
        <Button type="primary" icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => run('xlsx')} data-testid="cp-xlsx">
          {t('wl.codeProtection.xlsx')}
        </Button>
        <Button icon={<DownloadOutlined />} loading={busy === 'csv'} onClick={() => run('csv')} data-testid="cp-csv">
          {t('wl.codeProtection.csv')}
        </Button>
      </Space>
    </Card>
  );
}
