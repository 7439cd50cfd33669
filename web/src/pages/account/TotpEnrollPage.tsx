import { Alert, App, Button, Card, Flex, Form, Image, Input, Result, Skeleton, Steps, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCurrentUser, useEnableTotp, useTotpSetup } from '../../api/auth';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';

interface CodeForm {
  code: string;
}

export default function TotpEnrollPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const alreadyEnabled = me.totpEnabled && !me.mustEnrollTotp;
  const setup = useTotpSetup(!alreadyEnabled);
  const enable = useEnableTotp();
  const [form] = Form.useForm<CodeForm>();
  const showError = useShowError();
  const { message } = App.useApp();
  const navigate = useNavigate();

  if (alreadyEnabled) {
    return (
      <Card data-testid="totp-page">
        <Result
          status="success"
          title={t('totp.alreadyEnabled')}
          subTitle={t('totp.alreadyEnabledDesc')}
          extra={
            <Button type="primary" onClick={() => void navigate('/')}>
              {t('errorPages.backHome')}
            </Button>
          }
        />
      </Card>
    );
  }

  const onFinish = (values: CodeForm) => {
    enable.mutate(values.code.trim(), {
      onSuccess: () => {
        void message.success(t('totp.success'));
        void navigate('/', { replace: true });
      },
      onError: (err) => showError(err, form),
    });
  };

  const body = setup.isPending ? (
    <Skeleton active paragraph={{ rows: 6 }} />
  ) : setup.error ? (
    <QueryError error={setup.error} onRetry={() => void setup.refetch()} />
  ) : (
    <Steps
      orientation="vertical"
      items={[
        {
          title: t('totp.step1'),
          status: 'process',
          content: (
            <div style={{ padding: '12px 0' }}>
              <Image
                src={setup.data.qrDataUrl}
                alt={t('totp.qrAlt')}
                width={200}
                height={200}
                preview={false}
                data-testid="totp-qr"
                style={{ border: '1px solid #e5e7eb', borderRadius: 8, padding: 8, background: '#fff' }}
              />
            </div>
          ),
        },
        {
          title: t('totp.step2'),
          status: 'process',
          content: (
            <Typography.Paragraph copyable={{ text: setup.data.secret }} style={{ padding: '8px 0' }}>
              <Typography.Text code style={{ fontSize: 16, letterSpacing: 1 }} data-testid="totp-secret">
                {setup.data.secret}
              </Typography.Text>
            </Typography.Paragraph>
          ),
        },
        {
          title: t('totp.step3'),
          status: 'process',
          content: (
            <Form<CodeForm> form={form} layout="inline" onFinish={onFinish} style={{ padding: '12px 0' }}>
              <Form.Item
                name="code"
                rules={[
                  { required: true, message: t('common.required', { label: t('totp.code') }) },
                  { pattern: /^\d{6}$/, message: t('totp.codeFormat') },
                ]}
              >
                <Input
                  placeholder={t('totp.code')}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  style={{ width: 180 }}
                  data-testid="totp-code"
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={enable.isPending} data-testid="totp-enable">
                {t('totp.submit')}
              </Button>
            </Form>
          ),
        },
      ]}
    />
  );

  return (
    <Flex justify="center">
      <Card title={t('totp.title')} style={{ width: 640, maxWidth: '100%' }} data-testid="totp-page">
        {me.mustEnrollTotp && (
          <Alert type="warning" showIcon title={t('totp.forcedNotice')} style={{ marginBottom: 20 }} data-testid="totp-forced" />
        )}
        {body}
      </Card>
    </Flex>
  );
}
