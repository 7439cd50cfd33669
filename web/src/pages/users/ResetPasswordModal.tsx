import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useResetPassword } from '../../api/users';
import type { User } from '../../api/types';
import { useShowError } from '../../lib/errors';
import { confirmRules, passwordRules } from './passwordRules';

interface ResetForm {
  password: string;
  confirmPassword: string;
}

export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ResetForm>();
  const reset = useResetPassword();
  const showError = useShowError();
  const { message } = App.useApp();

  const onFinish = (v: ResetForm) => {
    reset.mutate(
      { id: user.id, password: v.password },
      {
        onSuccess: () => {
          void message.success(t('users.passwordReset'));
          onClose();
        },
        onError: (err) => showError(err, form),
      },
    );
  };

  return (
    <Modal
      open
      title={t('users.resetTitle', { name: `${user.displayName}（${user.username}）` })}
      width={480}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      confirmLoading={reset.isPending}
      okButtonProps={{ 'data-testid': 'user-reset-submit' }}
      mask={{ closable: false }}
    >
      <Form<ResetForm> form={form} data-testid="user-reset-modal" layout="vertical" onFinish={onFinish} style={{ marginTop: 16 }}>
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          extra={t('password.policy')}
          rules={passwordRules(t, t('users.newPassword'))}
        >
          <Input.Password autoComplete="new-password" data-testid="user-reset-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('users.confirmPassword')}
          dependencies={['password']}
          rules={confirmRules(t, t('users.confirmPassword'), 'password')}
        >
          <Input.Password autoComplete="new-password" data-testid="user-reset-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
