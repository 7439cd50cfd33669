import { useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEnterprises } from '../../api/org';

/** A government caller picks one enterprise of its scope by name (searched on the server). */
export function EnterprisePicker({ value, onChange, knownName }: { value: string | undefined; onChange: (id: string | undefined) => void; knownName?: string | undefined }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useEnterprises(q, undefined, true);
  return (
    <Select
      showSearch allowClear style={{ width: 280 }} placeholder={t('ptrace.venues.pickEnterprise')} value={value} filterOption={false}
      onSearch={setQ} onChange={(v: string | undefined) => onChange(v)} loading={list.isFetching} data-testid="enterprise-picker"
      options={[
        ...(list.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.regionName}）` })),
        // A value chosen elsewhere (e.g. from a trace) shows its name, not its id, before any search.
        ...(value && knownName && !(list.data?.items ?? []).some((e) => e.id === value) ? [{ value, label: knownName }] : []),
      ]}
    />
  );
}
