import { useState } from 'react';
import { Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEmployees } from '../../api/prevention';
import type { CaseState } from '../../api/prevention-care';
import { useWlEnterprises } from '../../api/whitelist';

const STATE_COLOR: Record<CaseState, string> = { flagged: 'orange', under_observation: 'red', quiet_period: 'gold', returned: 'green', confirmed: 'purple' };

export function CaseStateTag({ state }: { state: CaseState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOR[state]} data-testid={`case-state-${state}`}>{t(`prevCare.state.${state}`)}</Tag>;
}

/** An enterprise of the caller's region, searched by name (government callers choose whose data they edit). */
export function EnterprisePicker({ value, onChange, style }: { value?: string | undefined; onChange?: (v: string | undefined) => void; style?: React.CSSProperties }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useWlEnterprises({ q: q || undefined, page: 1, pageSize: 20 });
  return (
    <Select
      showSearch allowClear value={value} onChange={(v?: string) => onChange?.(v)} style={style} placeholder={t('prevCare.supplies.enterprise')}
      filterOption={false} onSearch={setQ} loading={list.isFetching} data-testid="enterprise-picker"
      options={(list.data?.items ?? []).map((e) => ({ value: String(e.id), label: e.name }))}
    />
  );
}

/** A roster employee, searched by name within the caller's scope. */
export function EmployeePicker({ value, onChange }: { value?: string | undefined; onChange?: (v: string | undefined) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useEmployees({ q: q || undefined, status: 'active', page: 1, pageSize: 20 });
  return (
    <Select
      showSearch allowClear value={value} onChange={(v?: string) => onChange?.(v)} placeholder={t('prevCare.cases.employeeSearch')}
      filterOption={false} onSearch={setQ} loading={list.isFetching} data-testid="employee-picker"
      options={(list.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name} · ${e.idCardMasked} · ${e.enterpriseName}` }))}
    />
  );
}
