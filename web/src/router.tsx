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
const PoliciesPage = lazy(() => import('./pages/policies/PoliciesPage'));
const PolicyDetailPage = lazy(() => import('./pages/policies/PolicyDetailPage'));
const PolicyEditorPage = lazy(() => import('./pages/policies/PolicyEditorPage'));
const MyPoliciesPage = lazy(() => import('./pages/policies/MyPoliciesPage'));
const UptakePage = lazy(() => import('./pages/policies/UptakePage'));
const ClaimsPage = lazy(() => import('./pages/policies/ClaimsPage'));
const MyClaimsPage = lazy(() => import('./pages/policies/ClaimsPage').then((m) => ({ default: m.MyClaimsPage })));
const DemandsPage = lazy(() => import('./pages/demands/DemandsPage'));
const FileDemandPage = lazy(() => import('./pages/demands/FileDemandPage'));
const DemandMetricsPage = lazy(() => import('./pages/demands/MetricsPage'));
const CommonIssuesPage = lazy(() => import('./pages/demands/CommonIssuesPage'));
const DemandDetailPage = lazy(() => import('./pages/demands/DemandDetailPage'));
const DemandSettingsPage = lazy(() => import('./pages/demands/SettingsPage'));
const DemandCalendarPage = lazy(() => import('./pages/demands/CalendarPage'));
const DemandLiaisonsPage = lazy(() => import('./pages/demands/LiaisonsPage'));
const NotificationsPage = lazy(() => import('./pages/notifications/NotificationsPage'));
const TasksPage = lazy(() => import('./pages/tasks/TasksPage'));
const TaskDetailPage = lazy(() => import('./pages/tasks/TaskDetailPage'));
const SupervisionPage = lazy(() => import('./pages/tasks/SupervisionPage'));
const NoticeDetailPage = lazy(() => import('./pages/tasks/NoticeDetailPage'));
const WeeklyReportsPage = lazy(() => import('./pages/tasks/WeeklyReportsPage'));
const WeeklyReportDetailPage = lazy(() => import('./pages/tasks/WeeklyReportDetailPage'));
const PrevRosterPage = lazy(() => import('./pages/prevention/RosterPage'));
const PrevCompliancePage = lazy(() => import('./pages/prevention/CompliancePage'));
const PrevIngestPage = lazy(() => import('./pages/prevention/IngestPage'));
const PrevRulesPage = lazy(() => import('./pages/prevention/RulesPage'));
const PrevAlertsPage = lazy(() => import('./pages/prevention/AlertsPage'));
const PrevDailyReportsPage = lazy(() => import('./pages/prevention/DailyReportsPage'));
const PrevArrivalsPage = lazy(() => import('./pages/prevention/ArrivalsPage'));
const PrevArrivalDetailPage = lazy(() => import('./pages/prevention/ArrivalDetailPage'));
const PrevRiskAreasPage = lazy(() => import('./pages/prevention/RiskAreasPage'));
const PrevCasesPage = lazy(() => import('./pages/prevention/CasesPage'));
const PrevCaseDetailPage = lazy(() => import('./pages/prevention/CaseDetailPage'));
const PrevSuppliesPage = lazy(() => import('./pages/prevention/SuppliesPage'));
const PrevVenuesPage = lazy(() => import('./pages/prevention/VenuesPage'));
const PrevTracingPage = lazy(() => import('./pages/prevention/TracingPage'));
const PrevPurchasesPage = lazy(() => import('./pages/prevention/DrugPurchasesPage'));
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
          { path: 'policies', element: page(<PoliciesPage />) },
          { path: 'policies/new', element: page(<PolicyEditorPage />, 'policies.manage') },
          { path: 'policies/uptake', element: page(<UptakePage />, 'policies.uptake') },
          { path: 'policies/booth-claims', element: page(<ClaimsPage />, 'policies.subsidy') },
          { path: 'policies/:id', element: page(<PolicyDetailPage />) },
          { path: 'policies/:id/edit', element: page(<PolicyEditorPage />, 'policies.manage') },
          { path: 'my-policies', element: page(<MyPoliciesPage />, 'enterprise.self') },
          { path: 'enterprise/booth-claims', element: page(<MyClaimsPage />, 'enterprise.self') },
          { path: 'demands', element: page(<DemandsPage />, 'demands.read') },
          { path: 'demands/new', element: page(<FileDemandPage />, 'demands.file') },
          { path: 'demands/metrics', element: page(<DemandMetricsPage />, 'demands.read') },
          { path: 'demands/common-issues', element: page(<CommonIssuesPage />, 'demands.dispatch') },
          { path: 'demands/settings', element: page(<DemandSettingsPage />, 'demands.dispatch') },
          { path: 'demands/calendar', element: page(<DemandCalendarPage />, 'demands.read') },
          { path: 'demands/liaisons', element: page(<DemandLiaisonsPage />, 'demands.dispatch') },
          { path: 'demands/:id', element: page(<DemandDetailPage />, 'demands.read') },
          { path: 'notifications', element: page(<NotificationsPage />) },
          { path: 'tasks', element: page(<TasksPage />, 'tasks.read') },
          { path: 'tasks/:id', element: page(<TaskDetailPage />, 'tasks.read') },
          { path: 'supervision', element: page(<SupervisionPage />) },
          { path: 'supervision/notices/:id', element: page(<NoticeDetailPage />) },
          { path: 'reports/weekly', element: page(<WeeklyReportsPage />, 'reports.read') },
          { path: 'reports/weekly/:id', element: page(<WeeklyReportDetailPage />, 'reports.read') },
          { path: 'prevention/roster', element: page(<PrevRosterPage />, 'prevention.read') },
          { path: 'prevention/compliance', element: page(<PrevCompliancePage />, 'prevention.read') },
          { path: 'prevention/ingest', element: page(<PrevIngestPage />, 'prevention.ingest') },
          { path: 'prevention/rules', element: page(<PrevRulesPage />, 'prevention.read') },
          { path: 'prevention/alerts', element: page(<PrevAlertsPage />, 'prevention.read') },
          { path: 'prevention/daily-reports', element: page(<PrevDailyReportsPage />, 'prevention.read') },
          { path: 'prevention/arrivals', element: page(<PrevArrivalsPage />, 'prevention.read') },
          { path: 'prevention/arrivals/:id', element: page(<PrevArrivalDetailPage />, 'prevention.read') },
          { path: 'prevention/risk-areas', element: page(<PrevRiskAreasPage />, 'prevention.read') },
          { path: 'prevention/cases', element: page(<PrevCasesPage />, 'prevention.read') },
          { path: 'prevention/cases/:id', element: page(<PrevCaseDetailPage />, 'prevention.read') },
          { path: 'prevention/supplies', element: page(<PrevSuppliesPage />, 'prevention.read') },
          { path: 'prevention/venues', element: page(<PrevVenuesPage />, 'prevention.read') },
          { path: 'prevention/tracing', element: page(<PrevTracingPage />, 'prevention.read') },
          { path: 'prevention/drug-purchases', element: page(<PrevPurchasesPage />, 'prevention.read') },
          { path: '403', element: page(<ForbiddenPage />) },
          { path: '*', element: page(<NotFoundPage />) },
        ],
      },
    ],
  },
]);
