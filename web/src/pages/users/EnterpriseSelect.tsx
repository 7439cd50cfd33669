import { useEffect, useMemo, useState } from 'react';
import { Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEnterprises } from '../../api/org';
import type { Id } from '../../api/types';

interface Props {
  regionCode: string | undefined;
  value?: Id;
  onChange?: (value: Id | undefined) => void;
}

/** Remote-search picker over GET /api/org/enterprises?q=&regionCode=. */
export function EnterpriseSelect({ regionCode, value, onChange }: Props) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');

  useEffect(() => {
    const timer = window.setTimeout(() => setQ(input.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [input]);

  const enterprises = useEnterprises(q, regionCode, Boolean(regionCode));
  const options = useMemo(
    () =>
      (enterprises.data?.items ?? []).map((e) => ({
        value: e.id,
        label: e.name,
        title: `${e.name} ${e.uscc}`,
        uscc: e.uscc,
        regionName: e.regionName,
      })),
    [enterprises.data],
  );

  return (
    <Select<Id>
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setInput }}
      options={options}
      loading={enterprises.isFetching}
      disabled={!regionCode}
      placeholder={regionCode ? t('users.enterpriseSearch') : t('users.selectRegionFirst')}
      notFoundContent={enterprises.isFetching ? t('common.loading') : undefined}
      optionRender={(option) => (
        <div>
          <div>{option.data.label}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {option.data.uscc} · {option.data.regionName}
          </Typography.Text>
        </div>
      )}
      data-testid="user-form-enterprise"
    />
  );
}
