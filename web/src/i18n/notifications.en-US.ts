import type notificationsZhCN from './notifications.zh-CN';

/** en-US messages of the notification bell and page. */
const notificationsEnUS: typeof notificationsZhCN = {
  bell: 'Notifications',
  bellWithCount: 'Notifications ({{count}} unread)',
  recent: 'Latest notifications',
  empty: 'No notifications',
  markAllRead: 'Mark all read',
  markAllReadConfirm: 'Mark all {{count}} unread notifications read?',
  markRead: 'Mark read',
  markedAllRead: '{{count}} notifications marked read',
  viewAll: 'All notifications',
  pageTitle: 'Notifications',
  filterAll: 'All',
  filterUnread: 'Unread',
  unreadTotal: '{{count}} unread',
  time: 'Time',
  title: 'Title',
  content: 'Message',
  status: 'Status',
  read: 'Read',
  unread: 'Unread',
  open: 'Open',
};
export default notificationsEnUS;
