import { App } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useLogout } from '../api/auth';

/** Logs out (even when the session has already expired) and goes to /login. */
export function useLogoutAction(): { logout: () => void; pending: boolean } {
  const mutation = useLogout();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { t } = useTranslation();
  const logout = () => {
    mutation.mutate(undefined, {
      onSettled: () => {
        void message.success(t('header.loggedOut'));
        void navigate('/login', { replace: true });
      },
    });
  };
  return { logout, pending: mutation.isPending };
}
