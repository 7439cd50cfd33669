import { useState } from 'react';
import { App, Badge, Button, Empty, Flex, List, Popconfirm, Popover, Spin, Tooltip, Typography, theme } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  localized,
  useMarkAllRead,
  useMarkRead,
  useNotificationStream,
  useNotifications,
  useUnreadCount,
  type Notification,
} from '../api/notifications';
import { useShowError } from '../lib/errors';
import { formatTime } from '../lib/time';

const RECENT = 8;

/** The header bell: unread count kept live by the event stream, the latest items in a popover. */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  useNotificationStream(true);
  const unread = useUnreadCount();
  const recent = useNotifications({ page: 1, pageSize: RECENT });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const count = unread.data ?? 0;

  const openItem = (n: Notification) => {
    setOpen(false);
    if (!n.read) markRead.mutate(n.id, { onError: (err) => showError(err) });
    if (n.link) void navigate(n.link);
  };

  const content = (
    <Flex vertical style={{ width: 380 }} data-testid="notification-popover">
      {recent.isLoading ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : (recent.data?.items.length ?? 0) === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <List<Notification>
          size="small"
          style={{ maxHeight: 420, overflow: 'auto' }}
          dataSource={recent.data?.items ?? []}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              onClick={() => openItem(n)}
              style={{ cursor: 'pointer', paddingInline: 8, background: n.read ? undefined : token.colorPrimaryBg }}
              data-testid="notification-item"
              data-read={n.read ? 'true' : 'false'}
            >
              <List.Item.Meta
                avatar={<Badge status={n.read ? 'default' : 'processing'} />}
                title={
                  <Typography.Text strong={!n.read} ellipsis>
                    {localized(n.title, i18n.language)}
                  </Typography.Text>
                }
                description={
                  <Flex vertical gap={2}>
                    {n.body && (
                      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                        {localized(n.body, i18n.language)}
                      </Typography.Paragraph>
                    )}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatTime(n.createdAt)}
                    </Typography.Text>
                  </Flex>
                }
              />
            </List.Item>
          )}
        />
      )}
      <Flex justify="space-between" style={{ borderTop: `1px solid ${token.colorBorderSecondary}`, paddingTop: 8, marginTop: 4 }}>
        <Popconfirm
          title={t('notifications.markAllReadConfirm', { count })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          disabled={count === 0}
          onConfirm={() =>
            markAll.mutateAsync().then(
              (r) => void message.success(t('notifications.markedAllRead', { count: r.updated })),
              (err: unknown) => showError(err),
            )
          }
        >
          <Button type="link" size="small" disabled={count === 0} loading={markAll.isPending} data-testid="notification-read-all">
            {t('notifications.markAllRead')}
          </Button>
        </Popconfirm>
        <Button
          type="link"
          size="small"
          onClick={() => {
            setOpen(false);
            void navigate('/notifications');
          }}
          data-testid="notification-view-all"
        >
          {t('notifications.viewAll')}
        </Button>
      </Flex>
    </Flex>
  );

  const label = count > 0 ? t('notifications.bellWithCount', { count }) : t('notifications.bell');
  return (
    <Popover
      content={content}
      title={t('notifications.recent')}
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
    >
      <Tooltip title={open ? undefined : label}>
        <Button type="text" aria-label={label} data-testid="notification-bell">
          <Badge count={count} size="small" overflowCount={99} data-testid="notification-count">
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        </Button>
      </Tooltip>
    </Popover>
  );
}
