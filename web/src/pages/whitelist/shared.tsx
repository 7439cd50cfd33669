import { Empty, Select, Table, Tag, Timeline, Typography } from 'antd';
import type { SelectProps } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  LISTING_STATUSES,
  SECTORS,
  SERVICE_TIERS,
  type ApplicationStatus,
  type ConditionResult,
  type Evaluation,
  type HistoryStep,
  type ListingStatus,
  type Sector,
  type ServiceTier,
} from '../../api/whitelist';
import { formatTime } from '../../lib/time';

export const sectorLabel = (t: TFunction, s: string) => (SECTORS.includes(s as Sector) ? t(`wl.sector.${s as Sector}`) : s);
export const listingLabel = (t: TFunction, s: string) => (LISTING_STATUSES.includes(s as ListingStatus) ? t(`wl.listing.${s as ListingStatus}`) : s);
export const tierLabel = (t: TFunction, s: string | null) => (s && SERVICE_TIERS.includes(s as ServiceTier) ? t(`wl.tier.${s as ServiceTier}`) : t('wl.common.tierNone'));
const APP = ['submitted', 'auto_admitted', 'pending_review', 'approved', 'rejected'];
export const appStatusLabel = (t: TFunction, s: string | null) => (s && APP.includes(s) ? t(`wl.appStatus.${s as ApplicationStatus}`) : (s ?? t('common.none')));

const LISTING_COLOR: Record<string, string> = { listed: 'green', removed: 'red', suspended: 'orange', not_listed: 'default' };
const APP_COLOR: Record<string, string> = { submitted: 'blue', auto_admitted: 'green', pending_review: 'gold', approved: 'green', rejected: 'red' };

export function ListingTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={LISTING_COLOR[status] ?? 'default'} data-testid={`listing-${status}`}>{listingLabel(t, status)}</Tag>;
}
export function AppStatusTag({ status }: { status: string | null }) {
  const { t } = useTranslation();
  if (!status) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return <Tag color={APP_COLOR[status] ?? 'default'} data-testid={`app-status-${status}`}>{appStatusLabel(t, status)}</Tag>;
}

export function SectorSelect(props: SelectProps<Sector> & { testId?: string }) {
  const { t } = useTranslation();
  const { testId, ...rest } = props;
  return <Select<Sector> data-testid={testId} placeholder={t('wl.field.sector')} options={SECTORS.map((s) => ({ value: s, label: t(`wl.sector.${s}`) }))} style={{ width: 140 }} {...rest} />;
}

function show(v: unknown, t: TFunction): string {
  if (v === null || v === undefined) return t('common.none');
  if (typeof v === 'boolean') return v ? t('wl.common.yes') : t('wl.common.no');
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  if (Array.isArray(v)) return v.map((x) => show(x, t)).join(' ~ ');
  if (typeof v === 'string' && SECTORS.includes(v as Sector)) return sectorLabel(t, v);
  return String(v);
}

function expectedText(c: ConditionResult, t: TFunction): string {
  if (c.op === 'is_true') return t('wl.common.yes');
  if (c.op === 'is_false') return t('wl.common.no');
  const ops = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'between'] as const;
  const op = ops.find((o) => o === c.op);
  return `${op ? t(`wl.ops.${op}`) : c.op} ${show(c.expected, t)}`;
}

/** The criteria check condition by condition: passed/failed, actual against expected. */
export function ConditionResults({ evaluation, testId }: { evaluation: Evaluation; testId: string }) {
  const { t } = useTranslation();
  return (
    <Table<ConditionResult>
      data-testid={testId}
      size="small"
      rowKey="path"
      pagination={false}
      dataSource={evaluation.conditions}
      onRow={(c) => ({ 'data-testid': `condition-${c.field}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('wl.common.condition'), dataIndex: 'text', key: 'text' },
        { title: t('wl.common.expected'), key: 'expected', width: 160, render: (_, c) => expectedText(c, t) },
        { title: t('wl.common.actual'), key: 'actual', width: 120, render: (_, c) => show(c.actual, t) },
        {
          title: t('wl.common.result'),
          key: 'passed',
          width: 100,
          render: (_, c) =>
            c.passed ? (
              <Tag icon={<CheckCircleFilled />} color="success">{t('wl.common.passed')}</Tag>
            ) : (
              <Tag icon={<CloseCircleFilled />} color="error">{t('wl.common.failed')}</Tag>
            ),
        },
      ]}
    />
  );
}

const EVENT_KEYS = [
  'application_submit', 'application_resubmit', 'application_auto_admit', 'application_queue', 'application_approve', 'application_reject',
  'listing_admit', 'listing_remove', 'listing_suspend', 'listing_resume', 'listing_readmit', 'spot_check', 'tier_change', 'profile_change', 'links_change',
] as const;
type EventKey = (typeof EVENT_KEYS)[number];

export function eventLabel(t: TFunction, event: string): string {
  const k = event.replace('.', '_');
  return EVENT_KEYS.includes(k as EventKey) ? t(`wl.event.${k as EventKey}`) : event;
}

function statusText(t: TFunction, event: string, s: string | null): string {
  if (!s) return '';
  if (event.startsWith('listing.')) return listingLabel(t, s);
  if (event.startsWith('application.')) return appStatusLabel(t, s);
  if (event.startsWith('tier.')) return tierLabel(t, s);
  return s;
}

function detailLines(detail: unknown, t: TFunction): string[] {
  if (!detail || typeof detail !== 'object') return [];
  const d = detail as Record<string, unknown>;
  const out: string[] = [];
  if (typeof d.evidence === 'string') out.push(`${t('wl.detail.evidence')}：${d.evidence}`);
  if (typeof d.decision === 'string') out.push(`${t('wl.detail.decision')}：${d.decision}`);
  if (typeof d.checker === 'string') out.push(`${t('wl.detail.checker')}：${d.checker}（${d.passed ? t('wl.detail.passedYes') : t('wl.detail.passedNo')}）`);
  return out;
}

const EVENT_COLOR = (e: string) => (e.includes('remove') || e.includes('reject') ? 'red' : e.includes('suspend') ? 'orange' : e.includes('admit') || e.includes('approve') ? 'green' : 'blue');

/** An enterprise's whitelist history, newest first. */
export function HistoryTimeline({ history, testId }: { history: HistoryStep[]; testId: string }) {
  const { t } = useTranslation();
  if (!history.length) return <Empty data-testid={testId} description={t('wl.detail.noHistory')} />;
  return (
    <Timeline
      data-testid={testId}
      items={history.map((h) => ({
        key: h.id,
        color: EVENT_COLOR(h.event),
        content: (
          <div data-testid={`history-${h.event}`}>
            <Typography.Text strong>{eventLabel(t, h.event)}</Typography.Text>
            {(h.fromStatus || h.toStatus) && (
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {statusText(t, h.event, h.fromStatus) || t('common.none')} → {statusText(t, h.event, h.toStatus) || t('common.none')}
              </Typography.Text>
            )}
            <div>
              <Typography.Text type="secondary">
                {formatTime(h.at)} · {h.actorName ?? t('common.none')}
              </Typography.Text>
            </div>
            {h.note && <div>{h.note}</div>}
            {detailLines(h.detail, t).map((l) => (
              <div key={l}>
                <Typography.Text type="secondary">{l}</Typography.Text>
              </div>
            ))}
          </div>
        ),
      }))}
    />
  );
}
