import { useState } from 'react';
import { App, Card, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/auth';
import { exportUsers, useUsers } from '../../api/users';
import type { User, UserFilters } from '../../api/types';
import { QueryError } from '../../components/QueryError';
import { rowTestId } from '../../lib/testid';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import { CreateUserModal } from './CreateUserModal';
import { EditUserModal } from './EditUserModal';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserActions } from './UserActions';
import { UsersFilters } from './UsersFilters';
import { UserStatusTag } from './UserStatusTag';

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'reset'; user: User } | null;

export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const showError = useShowError();
  const [filters, setFilters] = useState<UserFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [exporting, setExporting] = useState(false);
  const users = useUsers({ ...filters, page, pageSize });

  const onFilters = (next: UserFilters) => {
    setFilters(next);
    setPage(1);
  };

  const onExport = () => {
    setExporting(true);
    exportUsers(filters)
      .then((name) => void message.success(t('common.exported', { name })))
      .catch((err: unknown) => showError(err))
      .finally(() => setExporting(false));
  };

  const none = t('common.none');
  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', key: 'username', width: 140, fixed: 'left' },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName', width: 110 },
    {
      title: t('users.role'),
      dataIndex: 'roleName',
      key: 'role',
      width: 150,
      render: (name: string) => <Tag bordered={false} color="geekblue">{name}</Tag>,
    },
    { title: t('users.region'), dataIndex: 'regionName', key: 'region', width: 120 },
    {
      title: t('users.orgUnit'),
      key: 'orgUnit',
      ellipsis: true,
      render: (_, u) => u.enterpriseName ?? ([u.departmentName, u.taskForceName].filter(Boolean).join(' / ') || none),
    },
    {
      title: t('users.phone'),
      dataIndex: 'phoneMasked',
      key: 'phone',
      width: 130,
      render: (phone: string | null) => phone ?? none,
    },
    { title: t('users.status'), key: 'status', width: 90, render: (_, u) => <UserStatusTag user={u} /> },
    {
      title: t('users.totp'),
      dataIndex: 'totpEnabled',
      key: 'totp',
      width: 70,
      align: 'center',
      render: (on: boolean) =>
        on ? <CheckCircleFilled style={{ color: '#16a34a' }} aria-label={t('common.yes')} /> : <Typography.Text type="secondary">{none}</Typography.Text>,
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      width: 170,
      render: (at: string | null) => formatTime(at),
    },
    {
      title: t('users.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 170,
      render: (at: string) => formatTime(at),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: i18n.language === 'en-US' ? 300 : 240,
      fixed: 'right',
      render: (_, u) => (
        <UserActions
          user={u}
          selfId={me.id}
          onEdit={(user) => setDialog({ kind: 'edit', user })}
          onResetPassword={(user) => setDialog({ kind: 'reset', user })}
        />
      ),
    },
  ];

  return (
    <Card title={t('menu.users')} data-testid="users-page">
      <UsersFilters
        filters={filters}
        onChange={onFilters}
        onCreate={() => setDialog({ kind: 'create' })}
        onExport={onExport}
        exporting={exporting}
      />
      {users.error && !users.data ? (
        <QueryError error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Table<User>
          data-testid="users-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.isFetching}
          scroll={{ x: 1550 }}
          sticky={{ offsetHeader: 64 }}
          onRow={(u) => rowTestId(`user-row-${u.username}`)}
          pagination={{
            current: page,
            pageSize,
            total: users.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => {
              setPage(size === pageSize ? p : 1);
              setPageSize(size);
            },
          }}
        />
      )}
      {dialog?.kind === 'create' && <CreateUserModal defaultRegionCode={me.regionCode} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <EditUserModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'reset' && <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} />}
    </Card>
  );
}
