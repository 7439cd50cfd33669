import { Alert, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { RolesCard } from './RolesCard';
import { SettingsCard } from './SettingsCard';

export default function SecurityPage() {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16} data-testid="security-page">
      <Alert type="info" showIcon title={t('security.separation')} />
      <RolesCard />
      <SettingsCard />
    </Flex>
  );
}
