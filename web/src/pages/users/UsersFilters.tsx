import { useEffect, useState } from 'react';
import { Button, Flex, Input, Select, Space } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { UserFilters, UserStatus } from '../../api/types';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useRoleOptions } from './useRoleOptions';

interface Props {
  filters: UserFilters;
  onChange: (filters: UserFilters) => void;
  onCreate: () => void;
  onExport: () => void;
  exporting: boolean;
}

export function UsersFilters({ filters, onChange, onCreate, onExport, exporting }: Props) {
  const { t } = useTranslation();
  const roles = useRoleOptions();
  const [q, setQ] = useState(filters.q ?? '');

  useEffect(() => setQ(filters.q ?? ''), [filters.q]);

  const statusOptions: { value: UserStatus; label: string }[] = [
    { value: 'enabled', label: t('users.statusEnabled') },
    { value: 'disabled', label: t('users.statusDisabled') },
    { value: 'locked', label: t('users.statusLocked') },
  ];

  return (
    <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
      <Space wrap>
        <Input.Search
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(value) => onChange({ ...filters, q: value.trim() || undefined })}
          placeholder={t('users.searchPlaceholder')}
          style={{ width: 240 }}
          data-testid="users-search"
        />
        <RegionTreeSelect
          value={filters.regionCode}
          onChange={(regionCode) => onChange({ ...filters, regionCode })}
          placeholder={t('users.region')}
          style={{ width: 200 }}
          testId="users-filter-region"
        />
        <Select
          allowClear
          value={filters.role}
          onChange={(role: string | undefined) => onChange({ ...filters, role })}
          options={roles.options}
          loading={roles.loading}
          placeholder={t('users.role')}
          style={{ width: 190 }}
          popupMatchSelectWidth={false}
          data-testid="users-filter-role"
        />
        <Select
          allowClear
          value={filters.status}
          onChange={(status: UserStatus | undefined) => onChange({ ...filters, status })}
          options={statusOptions}
          placeholder={t('users.status')}
          style={{ width: 120 }}
          data-testid="users-filter-status"
        />
      </Space>
      <Space>
        <Button icon={<DownloadOutlined />} onClick={onExport} loading={exporting} data-testid="users-export">
          {t('common.exportExcel')}
        </Button>
        <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid="users-create">
          {t('users.create')}
        </Button>
      </Space>
    </Flex>
  );
}
