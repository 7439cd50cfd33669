import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { Result } from 'antd';
import { useMe } from '../api/auth';
import { errorMessage } from '../lib/errors';
import { FullPageSpin } from './FullPageSpin';
import { useTranslation } from 'react-i18next';

export const PASSWORD_PATH = '/account/password';
export const TOTP_PATH = '/account/totp';

/** The step the user must finish before anything else, if any. */
export function forcedPath(me: { mustChangePassword: boolean; mustEnrollTotp: boolean }): string | null {
  if (me.mustChangePassword) return PASSWORD_PATH;
  if (me.mustEnrollTotp) return TOTP_PATH;
  return null;
}

/** Signed-in routes: no session → /login; a pending password change or TOTP enrolment → that page only. */
export function RequireAuth() {
  const { data: me, isPending, error } = useMe();
  const location = useLocation();
  const { t } = useTranslation();

  if (isPending) return <FullPageSpin />;
  if (error) return <Result status="error" title={t('errors.loadFailed')} subTitle={errorMessage(error, '')} />;
  if (!me) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={from === '/' ? undefined : { from }} />;
  }
  const forced = forcedPath(me);
  if (forced && location.pathname !== forced) return <Navigate to={forced} replace />;
  return <Outlet />;
}
