import type { FastifyInstance } from 'fastify';
import type { AlertService } from './alerts.js';
import { ArrivalService } from './arrivals.js';
import { arrivalRoutes } from './arrivals.routes.js';
import { DailyReportService, type ListedEnterprises } from './daily-reports.js';
import { dailyReportRoutes } from './daily-reports.routes.js';
import { RiskAreaService } from './risk-areas.js';
import type { PreventionService } from './service.js';

/**
 * Health and arrival reports, wired in one call from app.ts: the services, their two sweep steps
 * (missing daily report, arrival not reported) with their notification texts, and the routes.
 */
export function buildReports(svc: PreventionService, alerts: AlertService, listed: ListedEnterprises) {
  const daily = new DailyReportService(svc, listed, alerts);
  const arrivals = new ArrivalService(svc, alerts);
  const areas = new RiskAreaService(arrivals);
  alerts.addSweepStep((now) => daily.sweepMissing(now));
  alerts.addSweepStep((now) => arrivals.sweepUnreported(now));
  alerts.registerMessage('missing_daily_report', (d) => ({
    title: { zh: `电子哨预警：${d.day} 健康日报告未报`, en: `Sentinel alert: no daily health report for ${d.day}` },
    body: { zh: `截至 ${d.deadlineHour} 时未填报 ${d.day} 的员工健康日报告（无异常请报零报告）。`, en: `No daily health report for ${d.day} by ${d.deadlineHour}:00 (file a zero report if nothing is abnormal).` },
    link: '/prevention/daily-reports',
  }));
  alerts.registerMessage('arrival_not_reported', (d) => ({
    title: { zh: `电子哨预警：${d.name} 入豫未提前报备`, en: `Sentinel alert: ${d.name} arrived without an advance report` },
    body: { zh: `${d.name} 自 ${d.originName} 于 ${d.day} 来（返）豫，未提前报备，请核查并落实管控措施。`, en: `${d.name} arrived from ${d.originName} on ${d.day} without reporting in advance: check and apply the measures.` },
    link: `/prevention/arrivals/${d.arrivalId}`,
  }));
  return {
    daily, arrivals, areas,
    routes: async (app: FastifyInstance) => {
      await app.register(dailyReportRoutes(daily));
      await app.register(arrivalRoutes(arrivals, areas));
    },
  };
}
