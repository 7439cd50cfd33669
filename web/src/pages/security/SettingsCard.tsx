import { useEffect } from 'react';
import { App, Button, Card, Col, Form, InputNumber, Row, Skeleton, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSaveSecuritySettings, useSecuritySettings } from '../../api/security';
import type { SecuritySettings } from '../../api/types';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';

const NUMBER_FIELDS: { name: Exclude<keyof SecuritySettings, 'totpForGovernment'>; min: number; max: number }[] = [
  { name: 'idleTimeoutMinutes', min: 1, max: 1440 },
  { name: 'absoluteLifetimeHours', min: 1, max: 720 },
  { name: 'lockoutThreshold', min: 1, max: 100 },
  { name: 'lockoutMinutes', min: 1, max: 10080 },
  { name: 'passwordMinLength', min: 8, max: 128 },
];

export function SettingsCard() {
  const { t } = useTranslation();
  const settings = useSecuritySettings();
  const save = useSaveSecuritySettings();
  const [form] = Form.useForm<SecuritySettings>();
  const { message } = App.useApp();
  const showError = useShowError();

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const onFinish = (values: SecuritySettings) => {
    save.mutate(values, {
      onSuccess: () => void message.success(t('security.settingsSaved')),
      onError: (err) => showError(err, form),
    });
  };

  return (
    <Card title={t('security.settings')} data-testid="settings-card">
      {settings.isPending ? (
        <Skeleton active />
      ) : settings.error ? (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <Form<SecuritySettings>
          form={form}
          layout="vertical"
          initialValues={settings.data}
          onFinish={onFinish}
          data-testid="settings-form"
          style={{ maxWidth: 960 }}
        >
          <Form.Item name="totpForGovernment" label={t('security.totpForGovernment')} valuePropName="checked">
            <Switch data-testid="settings-totpForGovernment" />
          </Form.Item>
          <Row gutter={24}>
            {NUMBER_FIELDS.map((f) => (
              <Col key={f.name} xs={24} md={12} xl={8}>
                <Form.Item
                  name={f.name}
                  label={t(`security.${f.name}`)}
                  rules={[{ required: true, message: t('common.required', { label: t(`security.${f.name}`) }) }]}
                >
                  <InputNumber min={f.min} max={f.max} precision={0} style={{ width: '100%' }} data-testid={`settings-${f.name}`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
            {t('common.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
