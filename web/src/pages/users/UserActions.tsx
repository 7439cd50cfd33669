import { App, Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUnlockUser, useUpdateUser } from '../../api/users';
import type { User } from '../../api/types';
import { useShowError } from '../../lib/errors';
import { isLocked } from './UserStatusTag';

interface Props {
  user: User;
  /** the signed-in user: they cannot disable themselves */
  selfId: User['id'];
  onEdit: (user: User) => void;
  onResetPassword: (user: User) => void;
}

export function UserActions({ user, selfId, onEdit, onResetPassword }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const update = useUpdateUser();
  const unlock = useUnlockUser();
  const key = user.username;

  const setDisabled = (disabled: boolean) =>
    update.mutateAsync({ id: user.id, body: { disabled } }).then(
      () => void message.success(disabled ? t('users.disabledDone') : t('users.enabledDone')),
      (err: unknown) => showError(err),
    );

  return (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={() => onEdit(user)} data-testid={`user-edit-${key}`}>
        {t('users.edit')}
      </Button>
      <Button type="link" size="small" onClick={() => onResetPassword(user)} data-testid={`user-reset-${key}`}>
        {t('users.resetPassword')}
      </Button>
      {isLocked(user) && (
        <Button
          type="link"
          size="small"
          loading={unlock.isPending}
          onClick={() =>
            unlock.mutate(user.id, {
              onSuccess: () => void message.success(t('users.unlocked')),
              onError: (err) => showError(err),
            })
          }
          data-testid={`user-unlock-${key}`}
        >
          {t('users.unlock')}
        </Button>
      )}
      {user.disabled ? (
        <Popconfirm
          title={t('users.enableConfirm', { name: user.displayName })}
          onConfirm={() => setDisabled(false)}
          okButtonProps={{ 'data-testid': 'confirm-ok' }}
        >
          <Button type="link" size="small" data-testid={`user-enable-${key}`}>
            {t('users.enable')}
          </Button>
        </Popconfirm>
      ) : (
        <Popconfirm
          title={t('users.disableConfirm', { name: user.displayName })}
          onConfirm={() => setDisabled(true)}
          okType="danger"
          okButtonProps={{ 'data-testid': 'confirm-ok' }}
          disabled={user.id === selfId}
        >
          <Button type="link" size="small" danger disabled={user.id === selfId} data-testid={`user-disable-${key}`}>
            {t('users.disable')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
