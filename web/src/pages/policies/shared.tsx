import { Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CLAIM_STATUSES, POLICY_CATEGORIES, POLICY_LEVELS, POLICY_STATUSES, UPTAKE_STATUSES, type ClaimStatus, type PolicyCategory, type PolicyLevel, type PolicyStatus, type UptakeStatus } from '../../api/policies';

const POLICY_COLOR: Record<PolicyStatus, string> = { draft: 'default', published: 'green', withdrawn: 'orange' };
const UPTAKE_COLOR: Record<UptakeStatus, string> = { eligible: 'blue', applied: 'gold', approved: 'cyan', rejected: 'red', disbursed: 'green' };
const CLAIM_COLOR: Record<ClaimStatus, string> = { submitted: 'gold', approved: 'green', rejected: 'red' };

export function PolicyStatusTag({ status }: { status: PolicyStatus }) {
  const { t } = useTranslation();
  return <Tag color={POLICY_COLOR[status]}>{t(`pol.status.${status}`)}</Tag>;
}
export function UptakeTag({ status }: { status: UptakeStatus }) {
  const { t } = useTranslation();
  return <Tag color={UPTAKE_COLOR[status]}>{t(`pol.uptake.${status}`)}</Tag>;
}
export function ClaimTag({ status }: { status: ClaimStatus }) {
  const { t } = useTranslation();
  return <Tag color={CLAIM_COLOR[status]}>{t(`pol.claimStatus.${status}`)}</Tag>;
}

export function CategorySelect({ value, onChange, allowClear = true, testId }: { value: PolicyCategory | undefined; onChange: (v: PolicyCategory | undefined) => void; allowClear?: boolean; testId?: string }) {
  const { t } = useTranslation();
  return <Select allowClear={allowClear} style={{ width: 170 }} placeholder={t('pol.field.category')} value={value} onChange={onChange} options={POLICY_CATEGORIES.map((c) => ({ value: c, label: t(`pol.category.${c}`) }))} data-testid={testId} />;
}
export function LevelSelect({ value, onChange, allowClear = true, testId }: { value: PolicyLevel | undefined; onChange: (v: PolicyLevel | undefined) => void; allowClear?: boolean; testId?: string }) {
  const { t } = useTranslation();
  return <Select allowClear={allowClear} style={{ width: 120 }} placeholder={t('pol.field.level')} value={value} onChange={onChange} options={POLICY_LEVELS.map((c) => ({ value: c, label: t(`pol.level.${c}`) }))} data-testid={testId} />;
}
export function PolicyStatusSelect({ value, onChange }: { value: PolicyStatus | undefined; onChange: (v: PolicyStatus | undefined) => void }) {
  const { t } = useTranslation();
  return <Select allowClear style={{ width: 120 }} placeholder={t('pol.field.status')} value={value} onChange={onChange} options={POLICY_STATUSES.map((c) => ({ value: c, label: t(`pol.status.${c}`) }))} />;
}
export function UptakeSelect({ value, onChange }: { value: UptakeStatus | undefined; onChange: (v: UptakeStatus | undefined) => void }) {
  const { t } = useTranslation();
  return <Select allowClear style={{ width: 170 }} placeholder={t('pol.field.status')} value={value} onChange={onChange} options={UPTAKE_STATUSES.map((c) => ({ value: c, label: t(`pol.uptake.${c}`) }))} />;
}
export function ClaimStatusSelect({ value, onChange }: { value: ClaimStatus | undefined; onChange: (v: ClaimStatus | undefined) => void }) {
  const { t } = useTranslation();
  return <Select allowClear style={{ width: 140 }} placeholder={t('pol.field.status')} value={value} onChange={onChange} options={CLAIM_STATUSES.map((c) => ({ value: c, label: t(`pol.claimStatus.${c}`) }))} />;
}
