import { useState } from 'react';
import { App, Badge, Button, Card, Flex, Popconfirm, Segmented, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { localized, useMarkAllRead, useMarkRead, useNotifications, type Notification } from '../../api/notifications';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';

/** Every notification of the signed-in user, with paging and an unread filter. */
export default function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useNotifications({ page, pageSize, unread: unreadOnly });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const unread = list.data?.unread ?? 0;

  const open = (n: Notification) => {
    if (!n.read) markRead.mutate(n.id, { onError: (err) => showError(err) });
    if (n.link) void navigate(n.link);
  };

  const columns: TableColumnsType<Notification> = [
    {
      title: t('notifications.status'),
      key: 'status',
      width: 90,
      render: (_, n) => <Badge status={n.read ? 'default' : 'processing'} text={n.read ? t('notifications.read') : t('notifications.unread')} />,
    },
    {
      title: t('notifications.title'),
      key: 'title',
      width: 280,
      render: (_, n) => <Typography.Text strong={!n.read}>{localized(n.title, i18n.language)}</Typography.Text>,
    },
    {
      title: t('notifications.content'),
      key: 'body',
      ellipsis: true,
      render: (_, n) => (n.body ? localized(n.body, i18n.language) : t('common.none')),
    },
    { title: t('notifications.time'), dataIndex: 'createdAt', key: 'createdAt', width: 170, render: (v: string) => formatTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 160,
      render: (_, n) => (
        <Space size={0}>
          {n.link && (
            <Button type="link" size="small" onClick={() => open(n)} data-testid="notification-open">
              {t('notifications.open')}
            </Button>
          )}
          {!n.read && (
            <Button
              type="link"
              size="small"
              onClick={() => markRead.mutate(n.id, { onError: (err) => showError(err) })}
              data-testid="notification-mark-read"
            >
              {t('notifications.markRead')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('notifications.pageTitle')}
      extra={<Typography.Text type="secondary">{t('notifications.unreadTotal', { count: unread })}</Typography.Text>}
      data-testid="notifications-page"
    >
      <Flex vertical gap={16}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Segmented<'all' | 'unread'>
            value={unreadOnly ? 'unread' : 'all'}
            options={[
              { value: 'all', label: t('notifications.filterAll') },
              { value: 'unread', label: t('notifications.filterUnread') },
            ]}
            onChange={(v) => {
              setUnreadOnly(v === 'unread');
              setPage(1);
            }}
            data-testid="notifications-filter"
          />
          <Popconfirm
            title={t('notifications.markAllReadConfirm', { count: unread })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            disabled={unread === 0}
            onConfirm={() =>
              markAll.mutateAsync().then(
                (r) => void message.success(t('notifications.markedAllRead', { count: r.updated })),
                (err: unknown) => showError(err),
              )
            }
          >
            <Button icon={<CheckOutlined />} disabled={unread === 0} loading={markAll.isPending} data-testid="notifications-read-all">
              {t('notifications.markAllRead')}
            </Button>
          </Popconfirm>
        </Flex>
        {list.error && !list.data ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Notification>
            data-testid="notifications-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 900 }}
            locale={{ emptyText: t('notifications.empty') }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { total }),
              onChange: (p, s) => {
                setPage(p);
                setPageSize(s);
              },
            }}
          />
        )}
      </Flex>
    </Card>
  );
}
