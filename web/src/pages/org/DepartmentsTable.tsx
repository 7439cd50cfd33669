import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../../api/org';
import type { Department } from '../../api/types';
import { QueryError } from '../../components/QueryError';

export function DepartmentsTable({ regionCode }: { regionCode: string }) {
  const { t } = useTranslation();
  const departments = useDepartments(regionCode);
  if (departments.error) return <QueryError error={departments.error} onRetry={() => void departments.refetch()} />;
  return (
    <Table<Department>
      data-testid="org-departments"
      rowKey="id"
      size="middle"
      loading={departments.isPending}
      dataSource={departments.data ?? []}
      locale={{ emptyText: t('org.noDepartments') }}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
      columns={[
        { title: t('org.departmentName'), dataIndex: 'name', key: 'name' },
        {
          title: t('org.departmentKind'),
          dataIndex: 'kind',
          key: 'kind',
          width: 200,
          render: (kind: string) => <Tag bordered={false}>{kind}</Tag>,
        },
      ]}
    />
  );
}
