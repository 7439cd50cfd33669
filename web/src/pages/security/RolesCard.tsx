import { useMemo, useState } from 'react';
import { Button, Card, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { usePermissions, useRoles } from '../../api/security';
import type { Role } from '../../api/types';
import { QueryError } from '../../components/QueryError';
import { rowTestId } from '../../lib/testid';
import { RolePermissionsModal } from './RolePermissionsModal';

/** Roles with their permissions; each role's permissions open in a checkbox editor. */
export function RolesCard() {
  const { t } = useTranslation();
  const roles = useRoles();
  const permissions = usePermissions();
  const [editing, setEditing] = useState<Role | null>(null);
  const names = useMemo(() => new Map((permissions.data ?? []).map((p) => [p.code, p.name])), [permissions.data]);

  const columns: TableColumnsType<Role> = [
    {
      title: t('security.roleName'),
      dataIndex: 'name',
      key: 'name',
      width: 200,
      render: (name: string, role) => (
        <Flex vertical>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {role.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: '',
      dataIndex: 'builtIn',
      key: 'builtIn',
      width: 90,
      render: (builtIn: boolean) =>
        builtIn ? <Tag color="blue">{t('security.builtIn')}</Tag> : <Tag color="green">{t('security.custom')}</Tag>,
    },
    {
      title: t('security.permissions'),
      dataIndex: 'permissions',
      key: 'permissions',
      render: (codes: string[]) => (
        <Flex wrap gap={4}>
          {codes.map((code) => (
            <Tooltip key={code} title={code}>
              <Tag bordered={false} style={{ marginInlineEnd: 0 }}>
                {names.get(code) ?? code}
              </Tag>
            </Tooltip>
          ))}
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, role) => (
        <Button
          type="link"
          icon={<EditOutlined />}
          onClick={() => setEditing(role)}
          disabled={!permissions.data}
          data-testid={`role-edit-${role.code}`}
        >
          {t('security.editPermissions')}
        </Button>
      ),
    },
  ];

  const error = roles.error ?? permissions.error;
  return (
    <Card title={t('security.roles')} data-testid="roles-card">
      {error ? (
        <QueryError
          error={error}
          onRetry={() => {
            void roles.refetch();
            void permissions.refetch();
          }}
        />
      ) : (
        <Table<Role>
          data-testid="roles-table"
          rowKey="code"
          size="middle"
          loading={roles.isPending || permissions.isPending}
          dataSource={roles.data ?? []}
          columns={columns}
          pagination={false}
          onRow={(role) => rowTestId(`role-row-${role.code}`)}
        />
      )}
      {editing && permissions.data && (
        <RolePermissionsModal role={editing} permissions={permissions.data} onClose={() => setEditing(null)} />
      )}
    </Card>
  );
}
