import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../testing/app.js';
import { randomUuid } from '../testing/helpers.js';

/** What the routes-*.test.ts files share: the route table with its scope proofs, and helpers. */

/**
 * Every /api route, the permission it is behind, whether an account that still has to change its
 * password or enrol a second factor may call it (pending), and the tests that prove its scope:
 * "file › describe › test" (titles may be abbreviated to a unique prefix), several joined by "; ".
 * A new route fails routes-table.test.ts until it is added here with its scope test; a removed route
 * fails it until its line is removed; a proof naming a file or title that does not exist fails it too.
 */
export const SCOPE_CASES: Record<string, { permission: string; pending?: true; proof: string }> = {
  'POST /api/auth/login': { permission: 'public', proof: 'auth.test.ts › login; auth.test.ts › lock-out; auth.test.ts › login rate limit' },
  'POST /api/auth/logout': { permission: 'authenticated', pending: true, proof: 'auth.test.ts › session lifetime › logout ends the session' },
  'GET /api/auth/me': { permission: 'authenticated', pending: true, proof: 'auth.test.ts › login › signs in and answers me' },
  'POST /api/auth/password': { permission: 'authenticated', pending: true, proof: 'auth.test.ts › first sign-in and password change' },
  'GET /api/auth/totp/setup': { permission: 'authenticated', pending: true, proof: 'auth.test.ts › second factor for government users' },
  'POST /api/auth/totp/enable': { permission: 'authenticated', pending: true, proof: 'auth.test.ts › second factor for government users' },

  'GET /api/security/roles': { permission: 'security.manage', proof: 'security.test.ts › only the security administrator' },
  'GET /api/security/permissions': { permission: 'security.manage', proof: 'security.test.ts › only the security administrator' },
  'PUT /api/security/roles/{code}': { permission: 'security.manage', proof: 'security.test.ts › only the security administrator; security.test.ts › roles and permissions › a change ends the sessions' },
  'GET /api/security/settings': { permission: 'security.manage', proof: 'security.test.ts › only the security administrator' },
  'PUT /api/security/settings': { permission: 'security.manage', proof: 'security.test.ts › only the security administrator; security.test.ts › security settings' },

  // The audit role reads the whole log by design: its scope is the role itself.
  'GET /api/audit/events': { permission: 'audit.read', proof: 'audit.test.ts › only the audit role reads the log' },
  'POST /api/audit/verify': { permission: 'audit.read', proof: 'audit.test.ts › only the audit role reads the log' },
  'GET /api/audit/export': { permission: 'audit.read', proof: 'audit.test.ts › only the audit role reads the log' },

  'GET /api/org/summary': { permission: 'org.read', proof: 'org.test.ts › region scope: a county sees only its county › its own county works; org.test.ts › sector scope' },
  'GET /api/org/regions': { permission: 'org.read', proof: 'org.test.ts › region scope: a county sees only its county › its own county works' },
  'GET /api/org/commands': { permission: 'org.read', proof: 'org.test.ts › region scope: a county sees only its county' },
  'GET /api/org/departments': { permission: 'org.read', proof: 'org.test.ts › region scope: a county sees only its county' },
  'GET /api/org/enterprises': { permission: 'org.read', proof: 'org.test.ts › region scope: a county sees only its county › its enterprise list never holds; org.test.ts › sector scope' },

  'GET /api/users': { permission: 'users.manage', proof: 'users.test.ts › scope of a county system administrator › lists only accounts of 兰考县' },
  'GET /api/users/roles': { permission: 'users.manage', proof: 'users.test.ts › roles to assign; users.test.ts › separation of duties' },
  'GET /api/users/export': { permission: 'users.manage', proof: 'users.test.ts › scope of a county system administrator › its export holds no account of another county' },
  'POST /api/users': { permission: 'users.manage', proof: 'users.test.ts › scope of a county system administrator › cannot create a user outside its county' },
  'PATCH /api/users/{id}': { permission: 'users.manage', proof: 'users.test.ts › scope of a county system administrator › cannot change, reset or unlock' },
  'POST /api/users/{id}/reset-password': { permission: 'users.manage', proof: 'users.test.ts › scope of a county system administrator › cannot change, reset or unlock' },
  'POST /api/users/{id}/unlock': { permission: 'users.manage', proof: 'users.test.ts › scope of a county system administrator › cannot change, reset or unlock' },

  // Whitelist: criteria are published to everyone signed in (向社会公布); the enterprise routes take no id, so an
  // enterprise can only ever reach its own records.
  'GET /api/whitelist/criteria/fields': { permission: 'authenticated', proof: 'whitelist.test.ts › whitelist API › publishes criteria as data' },
  'GET /api/whitelist/criteria': { permission: 'authenticated', proof: 'whitelist.test.ts › whitelist API › publishes criteria as data' },
  'PUT /api/whitelist/criteria': { permission: 'whitelist.criteria', proof: 'whitelist.test.ts › whitelist API › publishes criteria as data' },
  'GET /api/enterprise/profile': { permission: 'enterprise.self', proof: 'whitelist.test.ts › whitelist API › keeps an enterprise to its own profile' },
  'PUT /api/enterprise/profile': { permission: 'enterprise.self', proof: 'whitelist.test.ts › whitelist API › keeps an enterprise to its own profile' },
  'GET /api/enterprise/links': { permission: 'enterprise.self', proof: 'whitelist.test.ts › whitelist API › keeps an enterprise to its own profile' },
  'PUT /api/enterprise/links': { permission: 'enterprise.self', proof: 'whitelist.test.ts › whitelist API › keeps an enterprise to its own profile' },
  'GET /api/enterprise/application': { permission: 'enterprise.self', proof: 'whitelist.test.ts › whitelist API › lets an enterprise apply' },
  'POST /api/enterprise/application': { permission: 'enterprise.self', proof: 'whitelist.test.ts › whitelist API › lets an enterprise apply' },
  'GET /api/whitelist/enterprises': { permission: 'whitelist.read', proof: 'whitelist.test.ts › whitelist API › lists only the caller' },
  'GET /api/whitelist/enterprises/export': { permission: 'whitelist.read', proof: 'scope.test.ts › whitelist scope: lists and exports hold only the caller’s part › the whitelist export holds exactly' },
  'GET /api/whitelist/enterprises/{id}': { permission: 'whitelist.read', proof: 'whitelist.test.ts › whitelist API › hides another sector; scope.test.ts › whitelist scope: out of scope answers 404 on every enterprise action' },
  'POST /api/whitelist/enterprises/{id}/remove': { permission: 'whitelist.remove', proof: 'scope.test.ts › whitelist scope: out of scope answers 404 on every enterprise action' },
  'POST /api/whitelist/enterprises/{id}/suspend': { permission: 'whitelist.remove', proof: 'scope.test.ts › whitelist scope: out of scope answers 404 on every enterprise action' },
  'POST /api/whitelist/enterprises/{id}/resume': { permission: 'whitelist.remove', proof: 'scope.test.ts › whitelist scope: out of scope answers 404 on every enterprise action' },
  'POST /api/whitelist/enterprises/{id}/readmit': { permission: 'whitelist.remove', proof: 'scope.test.ts › whitelist scope: out of scope answers 404 on every enterprise action' },
  'POST /api/whitelist/enterprises/{id}/spot-checks': { permission: 'whitelist.review', proof: 'scope.test.ts › whitelist scope: out of scope answers 404 on every enterprise action' },
  'PUT /api/whitelist/enterprises/{id}/tier': { permission: 'whitelist.review', proof: 'scope.test.ts › whitelist scope: out of scope answers 404 on every enterprise action' },
  'PUT /api/whitelist/enterprises/{id}/tax-status': { permission: 'whitelist.import', proof: 'scope.test.ts › whitelist scope: out of scope answers 404 on every enterprise action; whitelist.test.ts › whitelist API › keeps the tax status to the tax bureau' },
  'GET /api/whitelist/applications': { permission: 'whitelist.read', proof: 'scope.test.ts › whitelist scope: lists and exports hold only the caller’s part › the review queue of a county' },
  'POST /api/whitelist/applications/{id}/approve': { permission: 'whitelist.review', proof: 'whitelist.test.ts › whitelist API › lets an enterprise apply' },
  'POST /api/whitelist/applications/{id}/reject': { permission: 'whitelist.review', proof: 'whitelist.test.ts › whitelist API › lets an enterprise apply' },
  'GET /api/whitelist/batches': { permission: 'whitelist.read', proof: 'whitelist.test.ts › whitelist API › publishes batches' },
  'POST /api/whitelist/batches': { permission: 'whitelist.batch', proof: 'whitelist.test.ts › whitelist API › publishes batches' },
  'GET /api/whitelist/batches/{id}': { permission: 'whitelist.read', proof: 'whitelist.test.ts › whitelist API › publishes batches' },
  'GET /api/whitelist/batches/{id}/export': { permission: 'whitelist.read', proof: 'whitelist.test.ts › whitelist API › publishes batches' },
  'GET /api/whitelist/coverage': { permission: 'whitelist.read', proof: 'whitelist.test.ts › whitelist API › publishes batches' },
  'PUT /api/whitelist/sector-totals': { permission: 'whitelist.import', proof: 'scope.test.ts › whitelist scope: lists and exports hold only the caller’s part › sector totals' },
  'POST /api/whitelist/import': { permission: 'whitelist.import', proof: 'scope.test.ts › whitelist import' },
  'GET /api/whitelist/import/template': { permission: 'whitelist.import', proof: 'totals.test.ts › import templates' },
  'GET /api/whitelist/sector-totals': { permission: 'whitelist.read', proof: 'totals.test.ts › sector totals list scope › a county sees only its own totals' },
  'GET /api/whitelist/sector-totals/export': { permission: 'whitelist.read', proof: 'totals.test.ts › sector totals list scope' },
  'GET /api/whitelist/sector-totals/template': { permission: 'whitelist.import', proof: 'totals.test.ts › import templates' },
  'POST /api/whitelist/sector-totals/import': { permission: 'whitelist.import', proof: 'totals.test.ts › sector totals import' },
  'GET /api/enterprise/profile/versions': { permission: 'enterprise.self', proof: 'totals.test.ts › enterprise profile versions' },
  'GET /api/whitelist/code-protection/export': { permission: 'whitelist.read', proof: 'scope.test.ts › whitelist scope: lists and exports hold only the caller’s part › the code-protection list; code-protection.test.ts › code-protection list' },

  // Policies: the policy list is published to everyone signed in (全面公示); drafts only to the departments that
  // manage them; matches, uptake and claims are scoped by the enterprise's region, sector and id.
  'GET /api/policies/fields': { permission: 'authenticated', proof: 'policies.test.ts › policy library and matching › publishes a policy with rules' },
  'GET /api/policies': { permission: 'authenticated', proof: 'policies.test.ts › policy library and matching › lists the seeded policies' },
  'GET /api/policies/export': { permission: 'authenticated', proof: 'policies.test.ts › policy library and matching › lists the seeded policies' },
  'GET /api/policies/enterprises': { permission: 'policies.manage', proof: 'policies.test.ts › policy library and matching › previews a rule' },
  'POST /api/policies/preview': { permission: 'policies.manage', proof: 'policies.test.ts › policy library and matching › previews a rule' },
  'GET /api/policies/{id}': { permission: 'authenticated', proof: 'policies.test.ts › policy library and matching › publishes a policy with rules' },
  'POST /api/policies': { permission: 'policies.manage', proof: 'policies.test.ts › policy library and matching › publishes a policy with rules' },
  'PUT /api/policies/{id}': { permission: 'policies.manage', proof: 'policies.test.ts › policy library and matching › versions a published policy' },
  'POST /api/policies/{id}/publish': { permission: 'policies.manage', proof: 'policies.test.ts › policy library and matching › publishes a policy with rules' },
  'POST /api/policies/{id}/withdraw': { permission: 'policies.manage', proof: 'policies.test.ts › policy library and matching › publishes a policy with rules' },
  'GET /api/enterprise/policies': { permission: 'enterprise.self', proof: 'policies.test.ts › policy library and matching › publishes a policy with rules' },
  'POST /api/enterprise/policies/{id}/apply': { permission: 'enterprise.self', proof: 'policies.test.ts › uptake (应享尽享) › tracks apply' },
  'GET /api/policy-matches': { permission: 'policies.uptake', proof: 'policies.test.ts › uptake (应享尽享) › tracks apply' },
  'GET /api/policy-matches/export': { permission: 'policies.uptake', proof: 'policies.test.ts › uptake (应享尽享) › tracks apply' },
  'GET /api/policy-matches/uptake': { permission: 'policies.uptake', proof: 'policies.test.ts › uptake (应享尽享) › tracks apply' },
  'POST /api/policy-matches/{id}/decision': { permission: 'policies.manage', proof: 'policies.test.ts › uptake (应享尽享) › tracks apply' },
  'GET /api/booth-claims/quote': { permission: 'authenticated', proof: 'policies.test.ts › sampling-booth subsidy › quotes' },
  'GET /api/enterprise/booth-claims': { permission: 'enterprise.self', proof: 'policies.test.ts › sampling-booth subsidy › files a claim' },
  'POST /api/enterprise/booth-claims': { permission: 'enterprise.self', proof: 'policies.test.ts › sampling-booth subsidy › files a claim' },
  'GET /api/booth-claims': { permission: 'policies.subsidy', proof: 'policies.test.ts › sampling-booth subsidy › files a claim' },
  'POST /api/booth-claims/{id}/decision': { permission: 'policies.subsidy', proof: 'policies.test.ts › sampling-booth subsidy › files a claim' },
  'GET /api/booth-claims/totals': { permission: 'policies.subsidy', proof: 'policies.test.ts › sampling-booth subsidy › files a claim' },
  'GET /api/booth-claims/totals/export': { permission: 'policies.subsidy', proof: 'policies.test.ts › sampling-booth subsidy › files a claim' },
  'POST /api/booth-claims/{id}/invoices': { permission: 'enterprise.self', proof: 'claims-invoice.test.ts › booth claim invoices › the enterprise attaches the invoice' },
  'GET /api/booth-claims/{id}/invoices/{fileId}': { permission: 'authenticated', proof: 'claims-invoice.test.ts › booth claim invoices › the enterprise attaches the invoice' },
  // Demands: enterprises see their own; dispatchers and supervisors their region; units what is dispatched to them;
  // liaison cadres their paired enterprises'. Actions check the caller's party to the demand (403) after scope (404).
  'GET /api/demands': { permission: 'demands.read', proof: 'demands.test.ts › demand loop through the API › lists and exports only the caller' },
  'GET /api/demands/export': { permission: 'demands.read', proof: 'demands.test.ts › demand loop through the API › lists and exports only the caller' },
  'GET /api/demands/counts': { permission: 'demands.read', proof: 'demands.test.ts › demand loop through the API › lists and exports only the caller' },
  'POST /api/demands/similar': { permission: 'demands.file', proof: 'demands.test.ts › demand loop through the API › files a demand once' },
  'POST /api/demands': { permission: 'demands.file', proof: 'demands.test.ts › demand loop through the API › files a demand once' },
  'GET /api/demands/{id}': { permission: 'demands.read', proof: 'demands.test.ts › demand loop through the API › refuses the wrong party; demands.test.ts › demand loop through the API › drives a demand from filing' },
  'POST /api/demands/{id}/reveal-contact': { permission: 'demands.read', proof: 'demands.test.ts › demand loop through the API › masks the contact phone' },
  'GET /api/demands/{id}/units': { permission: 'demands.dispatch', proof: 'demands.test.ts › demand loop through the API › escalates county; demands.test.ts › demand loop through the API › drives a demand from filing' },
  'POST /api/demands/{id}/dispatch': { permission: 'demands.dispatch', proof: 'demands.test.ts › demand loop through the API › refuses the wrong party; demands.test.ts › demand loop through the API › escalates county' },
  'POST /api/demands/{id}/accept': { permission: 'demands.handle', proof: 'demands.test.ts › demand loop through the API › refuses the wrong party; demands.test.ts › demand loop through the API › drives a demand from filing' },
  'POST /api/demands/{id}/send-back': { permission: 'demands.handle', proof: 'demands.test.ts › demand loop through the API › lets a paired liaison cadre' },
  'POST /api/demands/{id}/progress': { permission: 'demands.read', proof: 'demands.test.ts › demand loop through the API › drives a demand from filing; demands.test.ts › demand loop through the API › lets a paired liaison cadre' },
  'POST /api/demands/{id}/answer': { permission: 'demands.read', proof: 'demands.test.ts › demand loop through the API › drives a demand from filing; demands.test.ts › demand loop through the API › lets a paired liaison cadre' },
  'POST /api/demands/{id}/revisit': { permission: 'demands.file', proof: 'demands.test.ts › demand loop through the API › drives a demand from filing' },
  'POST /api/demands/{id}/verify': { permission: 'demands.dispatch', proof: 'demands.test.ts › demand loop through the API › refuses the wrong party; demands.test.ts › demand loop through the API › drives a demand from filing' },
  'POST /api/demands/{id}/close': { permission: 'demands.dispatch', proof: 'demands.test.ts › demand loop through the API › drives a demand from filing' },
  'POST /api/demands/{id}/escalate': { permission: 'demands.read', proof: 'demands.test.ts › demand loop through the API › refuses the wrong party; demands.test.ts › demand loop through the API › escalates county' },
  'POST /api/demands/{id}/hand-down': { permission: 'demands.dispatch', proof: 'demands.test.ts › demand loop through the API › escalates county' },
  'GET /api/demands/metrics': { permission: 'demands.read', proof: 'demands.test.ts › demand loop through the API › reports the three rates' },
  'GET /api/demands/metrics/export': { permission: 'demands.read', proof: 'demands.test.ts › demand loop through the API › reports the three rates' },
  'GET /api/demands/common-issues': { permission: 'demands.dispatch', proof: 'demands.test.ts › demand loop through the API › gathers similar demands' },
  'GET /api/demands/{id}/common-candidates': { permission: 'demands.dispatch', proof: 'demands.test.ts › demand loop through the API › gathers similar demands' },
  'POST /api/demands/common-issues': { permission: 'demands.dispatch', proof: 'demands.test.ts › demand loop through the API › gathers similar demands' },
  'GET /api/demands/common-issues/{id}': { permission: 'demands.dispatch', proof: 'demands.test.ts › demand loop through the API › gathers similar demands' },
  'POST /api/demands/common-issues/{id}/close': { permission: 'demands.dispatch', proof: 'demands.test.ts › demand loop through the API › gathers similar demands' },
  'GET /api/demands/{id}/attachments': { permission: 'demands.read', proof: 'demand-attachments.test.ts › demand attachments › the filing enterprise attaches; demand-attachments.test.ts › demand attachments › answers 404 out of scope' },
  'POST /api/demands/{id}/attachments': { permission: 'demands.file', proof: 'demand-attachments.test.ts › demand attachments › the filing enterprise attaches; demand-attachments.test.ts › demand attachments › answers 404 out of scope; demand-attachments.test.ts › demand attachments › names body.file' },
  'GET /api/demands/{id}/attachments/{attachmentId}': { permission: 'demands.read', proof: 'demand-attachments.test.ts › demand attachments › the filing enterprise attaches; demand-attachments.test.ts › demand attachments › answers 404 out of scope' },
  'DELETE /api/demands/{id}/attachments/{attachmentId}': { permission: 'demands.read', proof: 'demand-attachments.test.ts › demand attachments › removes a file for its uploader only; demand-attachments.test.ts › demand attachments › keeps the files of a closed demand' },
  'GET /api/demands/settings': { permission: 'demands.dispatch', proof: 'demands.test.ts › demand loop through the API › keeps settings per command' },
  'PUT /api/demands/settings': { permission: 'demands.dispatch', proof: 'demands.test.ts › demand loop through the API › keeps settings per command' },
  'GET /api/demands/calendar': { permission: 'demands.read', proof: 'demands.test.ts › demand loop through the API › keeps settings per command' },
  'PUT /api/demands/calendar': { permission: 'demands.dispatch', proof: 'demands.test.ts › demand loop through the API › keeps settings per command' },
  'GET /api/demands/liaisons': { permission: 'demands.dispatch', proof: 'demands.test.ts › demand loop through the API › lets a paired liaison cadre; liaisons.test.ts › liaison pairings page API › lists pairings' },
  'GET /api/demands/liaisons/export': { permission: 'demands.dispatch', proof: 'liaisons.test.ts › liaison pairings page API › lists pairings' },
  'GET /api/demands/liaisons/cadres': { permission: 'demands.dispatch', proof: 'liaisons.test.ts › liaison pairings page API › offers the liaison-cadre accounts' },
  'POST /api/demands/liaisons': { permission: 'demands.dispatch', proof: 'demands.test.ts › demand loop through the API › lets a paired liaison cadre' },
  'DELETE /api/demands/liaisons': { permission: 'demands.dispatch', proof: 'demands.test.ts › demand loop through the API › lets a paired liaison cadre' },
  // Notifications: every route works on the caller's own rows only (the user id comes from the session).
  'GET /api/notifications': { permission: 'authenticated', proof: 'notifications.test.ts › notifications API › shows each user only their own notifications' },
  'GET /api/notifications/unread-count': { permission: 'authenticated', proof: 'notifications.test.ts › notifications API › shows each user only their own notifications' },
  'POST /api/notifications/{id}/read': { permission: 'authenticated', proof: 'notifications.test.ts › notifications API › shows each user only their own notifications' },
  'POST /api/notifications/read-all': { permission: 'authenticated', proof: 'notifications.test.ts › notifications API › lists with paging and the unread filter' },
  'GET /api/notifications/stream': { permission: 'authenticated', proof: 'notifications.test.ts › notifications API › pushes live over the event stream' },

  // Tasks, supervision and the weekly report: a unit reaches only its own assignments and notices; the command
  // and its supervisors their region's subtree.
  'GET /api/tasks/units': { permission: 'tasks.assign', proof: 'tasks.test.ts › tasks API › offers the command’s departments' },
  'GET /api/tasks': { permission: 'tasks.read', proof: 'tasks.test.ts › tasks API › keeps tasks to the command’s region; tasks.test.ts › tasks API › cancels an open assignment' },
  'GET /api/tasks/export': { permission: 'tasks.read', proof: 'tasks.test.ts › tasks API › cancels an open assignment' },
  'POST /api/tasks': { permission: 'tasks.assign', proof: 'tasks.test.ts › tasks API › names the field of bad input; tasks.test.ts › tasks API › assigns once per request key' },
  'GET /api/tasks/assignments/mine': { permission: 'tasks.handle', proof: 'tasks.test.ts › tasks API › keeps tasks to the command’s region' },
  'GET /api/tasks/{id}': { permission: 'tasks.read', proof: 'tasks.test.ts › tasks API › keeps tasks to the command’s region' },
  'POST /api/tasks/assignments/{id}/progress': { permission: 'tasks.handle', proof: 'tasks.test.ts › tasks API › runs the assignment loop' },
  'POST /api/tasks/assignments/{id}/complete': { permission: 'tasks.handle', proof: 'tasks.test.ts › tasks API › runs the assignment loop' },
  'POST /api/tasks/assignments/{id}/accept': { permission: 'tasks.assign', proof: 'tasks.test.ts › tasks API › runs the assignment loop' },
  'POST /api/tasks/assignments/{id}/return': { permission: 'tasks.assign', proof: 'tasks.test.ts › tasks API › runs the assignment loop' },
  'POST /api/tasks/assignments/{id}/cancel': { permission: 'tasks.assign', proof: 'tasks.test.ts › tasks API › cancels an open assignment' },
  'GET /api/tasks/assignments/{id}/attachments': { permission: 'tasks.read', proof: 'task-attachments.test.ts › assignment evidence › the unit attaches evidence' },
  'POST /api/tasks/assignments/{id}/attachments': { permission: 'tasks.handle', proof: 'task-attachments.test.ts › assignment evidence › the unit attaches evidence; task-attachments.test.ts › assignment evidence › names body.file' },
  'GET /api/tasks/assignments/{id}/attachments/{attachmentId}': { permission: 'tasks.read', proof: 'task-attachments.test.ts › assignment evidence › the unit attaches evidence' },
  'DELETE /api/tasks/assignments/{id}/attachments/{attachmentId}': { permission: 'tasks.read', proof: 'task-attachments.test.ts › removing files › assignment evidence: the uploader removes it' },
  'GET /api/supervision/notices/{id}/attachments': { permission: 'authenticated', proof: 'task-attachments.test.ts › supervision reply files › the unit attaches files' },
  'POST /api/supervision/notices/{id}/attachments': { permission: 'supervision.reply', proof: 'task-attachments.test.ts › supervision reply files › the unit attaches files' },
  'GET /api/supervision/notices/{id}/attachments/{attachmentId}': { permission: 'authenticated', proof: 'task-attachments.test.ts › supervision reply files › the unit attaches files' },
  'DELETE /api/supervision/notices/{id}/attachments/{attachmentId}': { permission: 'authenticated', proof: 'task-attachments.test.ts › removing files › notice reply files: the uploader removes them' },
  'GET /api/supervision/overdue': { permission: 'supervision.read', proof: 'supervision.test.ts › overdue board › shows late items within scope only' },
  'GET /api/supervision/overdue/export': { permission: 'supervision.read', proof: 'supervision.test.ts › overdue board › shows late items within scope only' },
  'POST /api/supervision/notices': { permission: 'supervision.issue', proof: 'supervision.test.ts › supervision notices › refuses bad input, strangers' },
  'GET /api/supervision/notices': { permission: 'supervision.read', proof: 'supervision.test.ts › supervision notices › lists, filters and exports' },
  'GET /api/supervision/notices/mine': { permission: 'supervision.reply', proof: 'supervision.test.ts › supervision notices › issues a notice once' },
  'GET /api/supervision/notices/export': { permission: 'supervision.read', proof: 'supervision.test.ts › supervision notices › lists, filters and exports' },
  'GET /api/supervision/notices/{id}': { permission: 'authenticated', proof: 'supervision.test.ts › supervision notices › issues a notice once' },
  'POST /api/supervision/notices/{id}/reply': { permission: 'supervision.reply', proof: 'supervision.test.ts › supervision notices › issues a notice once' },
  'POST /api/supervision/notices/{id}/return': { permission: 'supervision.issue', proof: 'supervision.test.ts › supervision notices › issues a notice once' },
  'POST /api/supervision/notices/{id}/close': { permission: 'supervision.issue', proof: 'supervision.test.ts › supervision notices › issues a notice once' },
  'GET /api/reports/weekly': { permission: 'reports.read', proof: 'supervision.test.ts › weekly report › answers 401, 403 and 404' },
  'POST /api/reports/weekly/generate': { permission: 'reports.generate', proof: 'supervision.test.ts › weekly report › answers 401, 403 and 404' },
  'GET /api/reports/weekly/{id}': { permission: 'reports.read', proof: 'supervision.test.ts › weekly report › answers 401, 403 and 404' },
  'GET /api/reports/weekly/{id}/xlsx': { permission: 'reports.read', proof: 'supervision.test.ts › weekly report › answers 401, 403 and 404' },
  'GET /api/reports/weekly/{id}/pdf': { permission: 'reports.read', proof: 'supervision.test.ts › weekly report › answers 401, 403 and 404' },
  // Prevention: rosters are scoped by enterprise and region; ingest runs and API keys by the region that made them;
  // the machine API takes an API key, never a session (its 401 is proven like every route's). The rule pack and the
  // emergency list are platform-wide data every signed-in prevention reader may see.
  'GET /api/prevention/units': { permission: 'prevention.read', proof: 'prevention-roster.test.ts › prevention roster › keeps one enterprise from another’s people; prevention-roster.test.ts › prevention roster › lets an enterprise register' },
  'POST /api/prevention/units': { permission: 'prevention.roster', proof: 'prevention-roster.test.ts › prevention roster › lets an enterprise register' },
  'GET /api/prevention/employees': { permission: 'prevention.read', proof: 'prevention-roster.test.ts › prevention roster › keeps one enterprise from another’s people; prevention-roster.test.ts › prevention roster › keeps one county from another’s people' },
  'GET /api/prevention/employees/export': { permission: 'prevention.read', proof: 'prevention-roster.test.ts › prevention roster › keeps one county from another’s people' },
  'GET /api/prevention/employees/template': { permission: 'prevention.roster', proof: 'prevention-roster.test.ts › prevention roster › imports a roster' },
  'POST /api/prevention/employees': { permission: 'prevention.roster', proof: 'prevention-roster.test.ts › prevention roster › lets an enterprise register; prevention-roster.test.ts › prevention roster › keeps one enterprise from another’s people' },
  'PATCH /api/prevention/employees/{id}': { permission: 'prevention.roster', proof: 'prevention-roster.test.ts › prevention roster › keeps one enterprise from another’s people' },
  'POST /api/prevention/employees/{id}/reveal': { permission: 'prevention.pii', proof: 'prevention-roster.test.ts › prevention roster › shows the full number only with prevention.pii' },
  'POST /api/prevention/employees/import': { permission: 'prevention.roster', proof: 'prevention-roster.test.ts › prevention roster › imports a roster' },
  'POST /api/prevention/ingest/test-results': { permission: 'prevention.ingest', proof: 'prevention-ingest.test.ts › PCR-test ingest › ingests an upload; prevention-ingest.test.ts › PCR-test ingest › stores the same file once' },
  'POST /api/prevention/machine/test-results': { permission: 'public', proof: 'prevention-ingest.test.ts › PCR-test ingest › takes results over the machine API' },
  'GET /api/prevention/ingest/runs': { permission: 'prevention.ingest', proof: 'prevention-ingest.test.ts › PCR-test ingest › keeps runs and keys to the region' },
  'GET /api/prevention/ingest/runs/{id}/rejects': { permission: 'prevention.ingest', proof: 'prevention-ingest.test.ts › PCR-test ingest › ingests an upload; prevention-ingest.test.ts › PCR-test ingest › keeps runs and keys to the region' },
  'GET /api/prevention/api-keys': { permission: 'prevention.apikeys', proof: 'prevention-ingest.test.ts › PCR-test ingest › keeps runs and keys to the region' },
  'POST /api/prevention/api-keys': { permission: 'prevention.apikeys', proof: 'prevention-ingest.test.ts › PCR-test ingest › takes results over the machine API' },
  'POST /api/prevention/api-keys/{id}/revoke': { permission: 'prevention.apikeys', proof: 'prevention-ingest.test.ts › PCR-test ingest › takes results over the machine API; prevention-ingest.test.ts › PCR-test ingest › keeps runs and keys to the region' },
  'GET /api/prevention/compliance': { permission: 'prevention.read', proof: 'prevention-compliance.test.ts › test compliance › keeps a county to its own region' },
  'GET /api/prevention/compliance/trend': { permission: 'prevention.read', proof: 'prevention-compliance.test.ts › test compliance › keeps a county to its own region; prevention-compliance.test.ts › test compliance › draws a daily trend' },
  'GET /api/prevention/rules': { permission: 'prevention.read', proof: 'prevention-compliance.test.ts › test compliance › changes intervals as data' },
  'PUT /api/prevention/rules': { permission: 'prevention.admin', proof: 'prevention-compliance.test.ts › test compliance › changes intervals as data' },
  'GET /api/prevention/emergency-regions': { permission: 'prevention.read', proof: 'prevention-compliance.test.ts › test compliance › changes intervals as data' },
  'PUT /api/prevention/emergency-regions/{regionCode}': { permission: 'prevention.admin', proof: 'prevention-compliance.test.ts › test compliance › changes intervals as data' },
  'DELETE /api/prevention/emergency-regions/{regionCode}': { permission: 'prevention.admin', proof: 'prevention-compliance.test.ts › test compliance › changes intervals as data' },
  'GET /api/prevention/alerts': { permission: 'prevention.read', proof: 'prevention-alerts.test.ts › sentinel alerts › keeps an enterprise to its own alerts' },
  'POST /api/prevention/alerts/{id}/acknowledge': { permission: 'prevention.alerts', proof: 'prevention-alerts.test.ts › sentinel alerts › keeps an enterprise to its own alerts; prevention-alerts.test.ts › sentinel alerts › is acknowledged' },
  'POST /api/prevention/alerts/{id}/resolve': { permission: 'prevention.alerts', proof: 'prevention-alerts.test.ts › sentinel alerts › is acknowledged' },
  // Health and arrival reports; the risk-area list is province-wide public information (no scope).
  'GET /api/prevention/daily-reports/today': { permission: 'prevention.read', proof: 'prevention-daily-reports.test.ts › daily health reports › files a zero report; prevention-daily-reports.test.ts › daily health reports › keeps a report to its enterprise and county' },
  'POST /api/prevention/daily-reports': { permission: 'prevention.report', proof: 'prevention-daily-reports.test.ts › daily health reports › files a zero report; prevention-daily-reports.test.ts › daily health reports › keeps a report to its enterprise and county' },
  'GET /api/prevention/daily-reports': { permission: 'prevention.read', proof: 'prevention-daily-reports.test.ts › daily health reports › keeps a report to its enterprise and county' },
  'GET /api/prevention/daily-reports/board': { permission: 'prevention.read', proof: 'prevention-daily-reports.test.ts › daily health reports › shows prevention staff who reported' },
  'GET /api/prevention/daily-reports/board/export': { permission: 'prevention.read', proof: 'prevention-daily-reports.test.ts › daily health reports › shows prevention staff who reported' },
  'GET /api/prevention/daily-reports/{id}': { permission: 'prevention.read', proof: 'prevention-daily-reports.test.ts › daily health reports › keeps a report to its enterprise and county' },
  'POST /api/prevention/daily-reports/{id}/reveal': { permission: 'prevention.pii', proof: 'prevention-daily-reports.test.ts › daily health reports › keeps the health details out of the tables in clear' },
  'GET /api/prevention/arrivals': { permission: 'prevention.read', proof: 'prevention-arrivals.test.ts › arrival reports and risk areas › keeps an arrival to its host enterprise and county' },
  'GET /api/prevention/arrivals/export': { permission: 'prevention.read', proof: 'prevention-arrivals.test.ts › arrival reports and risk areas › flags an overdue arrival test' },
  'POST /api/prevention/arrivals': { permission: 'prevention.report', proof: 'prevention-arrivals.test.ts › arrival reports and risk areas › decides at filing; prevention-arrivals.test.ts › arrival reports and risk areas › records an arrival found by prevention staff' },
  'GET /api/prevention/arrivals/{id}': { permission: 'prevention.read', proof: 'prevention-arrivals.test.ts › arrival reports and risk areas › keeps an arrival to its host enterprise and county' },
  'POST /api/prevention/arrivals/{id}/reveal': { permission: 'prevention.pii', proof: 'prevention-arrivals.test.ts › arrival reports and risk areas › keeps an arrival to its host enterprise and county' },
  'GET /api/prevention/risk-areas': { permission: 'prevention.read', proof: 'prevention-arrivals.test.ts › arrival reports and risk areas › lets prevention staff keep the risk-area list' },
  'GET /api/prevention/risk-areas/export': { permission: 'prevention.read', proof: 'prevention-arrivals.test.ts › arrival reports and risk areas › lets prevention staff keep the risk-area list' },
  'POST /api/prevention/risk-areas': { permission: 'prevention.admin', proof: 'prevention-arrivals.test.ts › arrival reports and risk areas › lets prevention staff keep the risk-area list' },
  'POST /api/prevention/risk-areas/{id}/end': { permission: 'prevention.admin', proof: 'prevention-arrivals.test.ts › arrival reports and risk areas › decides again when the list changes' },
  'DELETE /api/prevention/risk-areas/{id}': { permission: 'prevention.admin', proof: 'prevention-arrivals.test.ts › arrival reports and risk areas › decides again when the list changes' },
  'GET /api/prevention/cases': { permission: 'prevention.read', proof: 'prevention-cases.test.ts › suspected cases › shows an enterprise its own cases masked' },
  'GET /api/prevention/cases/export': { permission: 'prevention.read', proof: 'prevention-cases.test.ts › suspected cases › shows an enterprise its own cases masked' },
  'GET /api/prevention/cases/{id}': { permission: 'prevention.read', proof: 'prevention-cases.test.ts › suspected cases › shows an enterprise its own cases masked; prevention-cases.test.ts › suspected cases › gives prevention staff the health details' },
  'POST /api/prevention/cases': { permission: 'prevention.cases', proof: 'prevention-cases.test.ts › suspected cases › flags a roster employee once' },
  'POST /api/prevention/cases/{id}/actions': { permission: 'prevention.cases', proof: 'prevention-cases.test.ts › suspected cases › shows an enterprise its own cases masked; prevention-cases.test.ts › suspected cases › moves a case to an observation point' },
  'GET /api/prevention/supplies': { permission: 'prevention.read', proof: 'prevention-supplies.test.ts › supplies and observation rooms › asks a government caller which enterprise' },
  'GET /api/prevention/supplies/export': { permission: 'prevention.read', proof: 'prevention-supplies.test.ts › supplies and observation rooms › rolls supplies and rooms up' },
  'PUT /api/prevention/supplies': { permission: 'prevention.supplies', proof: 'prevention-supplies.test.ts › supplies and observation rooms › asks a government caller which enterprise' },
  'DELETE /api/prevention/supplies/{id}': { permission: 'prevention.supplies', proof: 'prevention-supplies.test.ts › supplies and observation rooms › asks a government caller which enterprise' },
  'GET /api/prevention/supplies/rollup': { permission: 'prevention.read', proof: 'prevention-supplies.test.ts › supplies and observation rooms › rolls supplies and rooms up; prevention-supplies.test.ts › supplies and observation rooms › asks a government caller which enterprise' },
  'GET /api/prevention/observation-points': { permission: 'prevention.read', proof: 'prevention-supplies.test.ts › supplies and observation rooms › keeps observation points with rooms' },
  'POST /api/prevention/observation-points': { permission: 'prevention.supplies', proof: 'prevention-supplies.test.ts › supplies and observation rooms › keeps observation points with rooms' },
  'PATCH /api/prevention/observation-points/{id}': { permission: 'prevention.supplies', proof: 'prevention-supplies.test.ts › supplies and observation rooms › keeps observation points with rooms' },
  // The retention window and last run are platform-wide (no personal data, counts only).
  'GET /api/prevention/retention': { permission: 'prevention.read', proof: 'prevention-retention.test.ts › retention job › answers 401 without a session' },
  'POST /api/prevention/ingest/venue-scans': { permission: 'prevention.ingest', proof: 'prevention-tracing.test.ts › venue scans and contact tracing › ingests scans like test results' },
  'POST /api/prevention/ingest/drug-purchases': { permission: 'prevention.ingest', proof: 'prevention-tracing.test.ts › drug purchases › ingests purchases of the four classes' },
  'POST /api/prevention/machine/venue-scans': { permission: 'public', proof: 'prevention-tracing.test.ts › drug purchases › takes scans and purchases over the machine API' },
  'POST /api/prevention/machine/drug-purchases': { permission: 'public', proof: 'prevention-tracing.test.ts › drug purchases › takes scans and purchases over the machine API' },
  'GET /api/prevention/venues': { permission: 'prevention.read', proof: 'prevention-tracing.test.ts › venue codes › keeps one enterprise from another’s venues' },
  'GET /api/prevention/venues/export': { permission: 'prevention.read', proof: 'prevention-tracing.test.ts › venue codes › keeps one enterprise from another’s venues' },
  'POST /api/prevention/venues': { permission: 'prevention.roster', proof: 'prevention-tracing.test.ts › venue codes › builds a tree of venues' },
  'PATCH /api/prevention/venues/{id}': { permission: 'prevention.roster', proof: 'prevention-tracing.test.ts › venue codes › keeps one enterprise from another’s venues' },
  'POST /api/prevention/venues/print': { permission: 'prevention.read', proof: 'prevention-tracing.test.ts › venue codes › keeps one enterprise from another’s venues' },
  'POST /api/prevention/tracing': { permission: 'prevention.trace', proof: 'prevention-tracing.test.ts › venue scans and contact tracing › refuses bad input and keeps a county to its own people' },
  'POST /api/prevention/tracing/export': { permission: 'prevention.trace', proof: 'prevention-tracing.test.ts › venue scans and contact tracing › exports the contacts as Excel' },
  'GET /api/prevention/loop-picture/{id}': { permission: 'prevention.read', proof: 'prevention-tracing.test.ts › venue scans and contact tracing › isolates the positive person’s unit' },
  'PUT /api/prevention/units/{id}/isolation': { permission: 'prevention.trace', proof: 'prevention-tracing.test.ts › venue scans and contact tracing › isolates the positive person’s unit' },
  'POST /api/prevention/units/{id}/isolation/lift': { permission: 'prevention.trace', proof: 'prevention-tracing.test.ts › venue scans and contact tracing › isolates the positive person’s unit' },
  'GET /api/prevention/drug-purchases': { permission: 'prevention.read', proof: 'prevention-tracing.test.ts › drug purchases › ingests purchases of the four classes' },
  'GET /api/prevention/drug-purchases/export': { permission: 'prevention.read', proof: 'prevention-tracing.test.ts › drug purchases › ingests purchases of the four classes' },
};

/** Valid values for required query parameters, so a request fails only for want of a session. */
export const QUERY_VALUES: Record<string, string> = { regionCode: '410200', priceFen: '10000000', from: '2022-06-01', to: '2022-06-30' };

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export interface Route {
  key: string;
  method: Method;
  path: string;
  requiredQuery: string[];
}
interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean }[] }>>;
}

/** The /api routes of the app's OpenAPI document. */
export function apiRoutes(t: TestApp): Route[] {
  const doc = t.app.swagger() as unknown as OpenApiDoc;
  return Object.entries(doc.paths)
    .filter(([p]) => p.startsWith('/api/'))
    .flatMap(([path, ops]) =>
      Object.entries(ops).map(([m, op]) => ({
        key: `${m.toUpperCase()} ${path}`,
        method: m.toUpperCase() as Method,
        path,
        requiredQuery: (op.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => p.name),
      })),
    );
}

/** A concrete URL for a route: path parameters filled with a random uuid, required query parameters with valid values. */
export function urlOf(r: Route, withQuery = true): string {
  const path = r.path.replace(/\{[^}]+\}/g, () => randomUuid());
  if (!withQuery || r.requiredQuery.length === 0) return path;
  return `${path}?${r.requiredQuery.map((q) => `${q}=${encodeURIComponent(QUERY_VALUES[q]!)}`).join('&')}`;
}

export function expectErrorShape(res: LightMyRequestResponse) {
  const body = res.json();
  expect(body).toEqual(expect.objectContaining({ statusCode: res.statusCode, code: expect.any(String), message: expect.any(String) }));
  expect(body.message.length).toBeGreaterThan(0);
  expect(Object.keys(body).every((k) => ['statusCode', 'code', 'message', 'field'].includes(k))).toBe(true);
}
