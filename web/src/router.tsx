import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { RequireAuth } from './components/RequireAuth';
import { RequirePermission } from './components/RequirePermission';
import { FullPageSpin } from './components/FullPageSpin';
import { AppLayout } from './layout/AppLayout';

const LoginPage = lazy(() => import('./pages/login/LoginPage'));
const ChangePasswordPage = lazy(() => import('./pages/account/ChangePasswordPage'));
const TotpEnrollPage = lazy(() => import('./pages/account/TotpEnrollPage'));
const HomePage = lazy(() => import('./pages/home/HomePage'));
const OrgPage = lazy(() => import('./pages/org/OrgPage'));
const UsersPage = lazy(() => import('./pages/users/UsersPage'));
const SecurityPage = lazy(() => import('./pages/security/SecurityPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const ForbiddenPage = lazy(() => import('./pages/errors/ForbiddenPage'));
const NotFoundPage = lazy(() => import('./pages/errors/NotFoundPage'));

function page(node: ReactNode, permission?: string): ReactNode {
  const inner = <Suspense fallback={<FullPageSpin />}>{node}</Suspense>;
  return permission ? <RequirePermission permission={permission}>{inner}</RequirePermission> : inner;
}

export const router = createBrowserRouter([
  { path: '/login', element: page(<LoginPage />) },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: page(<HomePage />) },
          { path: 'account/password', element: page(<ChangePasswordPage />) },
          { path: 'account/totp', element: page(<TotpEnrollPage />) },
          { path: 'org', element: page(<OrgPage />, 'org.read') },
          { path: 'admin/users', element: page(<UsersPage />, 'users.manage') },
          { path: 'admin/security', element: page(<SecurityPage />, 'security.manage') },
          { path: 'admin/audit', element: page(<AuditPage />, 'audit.read') },
          { path: '403', element: page(<ForbiddenPage />) },
          { path: '*', element: page(<NotFoundPage />) },
        ],
      },
    ],
  },
]);
