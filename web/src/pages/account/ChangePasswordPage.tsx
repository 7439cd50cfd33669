import { Alert, App, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useChangePassword, useCurrentUser } from '../../api/auth';
import { meetsPasswordPolicy } from '../../lib/password';
import { useShowError } from '../../lib/errors';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [form] = Form.useForm<PasswordForm>();
  const change = useChangePassword();
  const showError = useShowError();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const forced = me.mustChangePassword;

  const onFinish = (values: PasswordForm) => {
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          void message.success(t('password.success'));
          form.resetFields();
          // RequireAuth takes the user on to TOTP enrolment when that is still pending
          void navigate('/', { replace: true });
        },
        onError: (err) => showError(err, form),
      },
    );
  };

  return (
    <Flex justify="center">
      <Card title={t('password.title')} style={{ width: 520, maxWidth: '100%' }} data-testid="password-page">
        {forced && (
          <Alert type="warning" showIcon title={t('password.forcedNotice')} style={{ marginBottom: 20 }} data-testid="password-forced" />
        )}
        <Form<PasswordForm> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item
            name="currentPassword"
            label={t('password.currentPassword')}
            rules={[{ required: true, message: t('common.required', { label: t('password.currentPassword') }) }]}
          >
            <Input.Password autoComplete="current-password" data-testid="password-current" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.newPassword')}
            extra={<Typography.Text type="secondary">{t('password.policy')}</Typography.Text>}
            dependencies={['currentPassword']}
            rules={[
              { required: true, message: t('common.required', { label: t('password.newPassword') }) },
              {
                validator: (_, value: string | undefined) =>
                  !value || meetsPasswordPolicy(value) ? Promise.resolve() : Promise.reject(new Error(t('password.policyError'))),
              },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  !value || value !== getFieldValue('currentPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.sameAsOld'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-new" />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label={t('password.confirmPassword')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('common.required', { label: t('password.confirmPassword') }) },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={change.isPending} data-testid="password-submit">
            {t('password.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
