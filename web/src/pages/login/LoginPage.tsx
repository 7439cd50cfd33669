import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import type { InputRef } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useLogin, useMe, type LoginBody } from '../../api/auth';
import { ApiError } from '../../api/client';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { FullPageSpin } from '../../components/FullPageSpin';
import { errorMessage } from '../../lib/errors';

interface LoginForm {
  username: string;
  password: string;
  totp?: string;
}

function redirectTarget(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = (state as { from: unknown }).from;
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login') return from;
  }
  return '/';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginForm>();
  const login = useLogin();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const totpRef = useRef<InputRef>(null);

  useEffect(() => {
    if (needTotp) totpRef.current?.focus();
  }, [needTotp]);

  if (me.isPending) return <FullPageSpin />;
  if (me.data) return <Navigate to={redirectTarget(location.state)} replace />;

  const onFinish = (values: LoginForm) => {
    setError(null);
    const body: LoginBody = { username: values.username.trim(), password: values.password };
    if (needTotp && values.totp) body.totp = values.totp.trim();
    login.mutate(body, {
      onSuccess: () => void navigate(redirectTarget(location.state), { replace: true }),
      onError: (err) => {
        if (!(err instanceof ApiError)) {
          setError(new ApiError(0, 'network.error', errorMessage(err, t('errors.network'))));
          return;
        }
        if (err.code === 'auth.totp_required') {
          setNeedTotp(true);
          return;
        }
        if (err.code === 'auth.totp_invalid') {
          setNeedTotp(true);
          form.setFields([{ name: 'totp', errors: [err.message], value: '' }]);
          return;
        }
        if (err.code === 'auth.invalid_credentials') form.setFieldValue('password', '');
        setError(err);
      },
    });
  };

  return (
    <div className="sibao-login-bg">
      <Flex justify="flex-end" style={{ padding: '16px 24px' }}>
        <LanguageSwitch variant="default" />
      </Flex>
      <Flex vertical align="center" justify="center" gap={24} style={{ padding: '4vh 16px 48px' }}>
        <Flex vertical align="center" gap={8} style={{ textAlign: 'center' }}>
          <Typography.Title level={2} style={{ color: '#fff', margin: 0 }} data-testid="login-title">
            {t('app.title')}
          </Typography.Title>
          <Typography.Text style={{ color: 'rgba(255,255,255,0.85)', fontSize: 15 }}>{t('app.tagline')}</Typography.Text>
        </Flex>
        <Card style={{ width: 400, maxWidth: '100%' }} styles={{ body: { padding: 32 } }}>
          <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 24, textAlign: 'center' }}>
            {t('login.heading')}
          </Typography.Title>
          {error && (
            <Alert
              type="error"
              showIcon
              title={error.message}
              style={{ marginBottom: 16 }}
              data-testid={error.code === 'auth.locked' ? 'login-locked' : 'login-error'}
            />
          )}
          {needTotp && !error && (
            <Alert type="info" showIcon title={t('login.totpPrompt')} style={{ marginBottom: 16 }} data-testid="login-totp-prompt" />
          )}
          <Form<LoginForm> form={form} layout="vertical" size="large" onFinish={onFinish} requiredMark={false} data-testid="login-form">
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('login.username') }) }]}
            >
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                autoFocus
                data-testid="login-username"
                onChange={() => {
                  if (needTotp) setNeedTotp(false);
                }}
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('common.required', { label: t('login.password') }) }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            {needTotp && (
              <Form.Item
                name="totp"
                label={t('login.totp')}
                rules={[
                  { required: true, message: t('common.required', { label: t('login.totp') }) },
                  { pattern: /^\d{6}$/, message: t('totp.codeFormat') },
                ]}
              >
                <Input
                  ref={totpRef}
                  prefix={<SafetyOutlined />}
                  placeholder={t('login.totpPlaceholder')}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  data-testid="login-totp"
                />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
        <Flex vertical align="center" gap={4}>
          <Typography.Text style={{ color: 'rgba(255,255,255,0.75)' }}>{t('login.guarantees')}</Typography.Text>
          <Typography.Text style={{ color: 'rgba(255,255,255,0.55)', fontSize: 12 }}>{t('login.footer')}</Typography.Text>
        </Flex>
      </Flex>
    </div>
  );
}
