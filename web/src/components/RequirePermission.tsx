import type { ReactNode } from 'react';
import { Navigate } from 'react-router-dom';
import { useCurrentUser } from '../api/auth';

interface Props {
  permission: string;
  children: ReactNode;
}

/** Sends the user to /403 when they lack the page's permission. */
export function RequirePermission({ permission, children }: Props) {
  const me = useCurrentUser();
  if (!me.permissions.includes(permission)) return <Navigate to="/403" replace />;
  return <>{children}</>;
}
