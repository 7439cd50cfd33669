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
const EntProfilePage = lazy(() => import('./pages/enterprise/ProfilePage'));
const EntApplyPage = lazy(() => import('./pages/enterprise/ApplyPage'));
const EntStatusPage = lazy(() => import('./pages/enterprise/StatusPage'));
const EntLinksPage = lazy(() => import('./pages/enterprise/LinksPage'));
const CriteriaPage = lazy(() => import('./pages/whitelist/CriteriaPage'));
const ReviewPage = lazy(() => import('./pages/whitelist/ReviewPage'));
const WhitelistPage = lazy(() => import('./pages/whitelist/WhitelistPage'));
const EnterpriseDetailPage = lazy(() => import('./pages/whitelist/EnterpriseDetailPage'));
const BatchesPage = lazy(() => import('./pages/whitelist/BatchesPage'));
const BatchDetailPage = lazy(() => import('./pages/whitelist/BatchesPage').then((m) => ({ default: m.BatchDetailPage })));
const CoveragePage = lazy(() => import('./pages/whitelist/CoveragePage'));
const ImportPage = lazy(() => import('./pages/whitelist/ImportPage'));
const CodeProtectionPage = lazy(() => import('./pages/whitelist/CodeProtectionPage'));
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
          { path: 'enterprise/profile', element: page(<EntProfilePage />, 'enterprise.self') },
          { path: 'enterprise/apply', element: page(<EntApplyPage />, 'enterprise.self') },
          { path: 'enterprise/status', element: page(<EntStatusPage />, 'enterprise.self') },
          { path: 'enterprise/links', element: page(<EntLinksPage />, 'enterprise.self') },
          { path: 'whitelist', element: page(<WhitelistPage />, 'whitelist.read') },
          { path: 'whitelist/enterprises/:id', element: page(<EnterpriseDetailPage />, 'whitelist.read') },
          { path: 'whitelist/criteria', element: page(<CriteriaPage />, 'whitelist.criteria') },
          { path: 'whitelist/review', element: page(<ReviewPage />, 'whitelist.review') },
          { path: 'whitelist/batches', element: page(<BatchesPage />, 'whitelist.read') },
          { path: 'whitelist/batches/:id', element: page(<BatchDetailPage />, 'whitelist.read') },
          { path: 'whitelist/coverage', element: page(<CoveragePage />, 'whitelist.read') },
          { path: 'whitelist/import', element: page(<ImportPage />, 'whitelist.import') },
          { path: 'whitelist/code-protection', element: page(<CodeProtectionPage />, 'whitelist.read') },
          { path: '403', element: page(<ForbiddenPage />) },
          { path: '*', element: page(<NotFoundPage />) },
        ],
      },
    ],
  },
]);
