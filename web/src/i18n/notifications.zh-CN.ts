/** zh-CN messages of the notification bell and page. */
const notificationsZhCN = {
  bell: '消息通知',
  bellWithCount: '消息通知（{{count}} 条未读）',
  recent: '最新消息',
  empty: '暂无消息',
  markAllRead: '全部标为已读',
  markAllReadConfirm: '将全部 {{count}} 条未读消息标为已读？',
  markRead: '标为已读',
  markedAllRead: '已将 {{count}} 条消息标为已读',
  viewAll: '查看全部消息',
  pageTitle: '消息中心',
  filterAll: '全部',
  filterUnread: '未读',
  unreadTotal: '未读 {{count}} 条',
  time: '时间',
  title: '标题',
  content: '内容',
  status: '状态',
  read: '已读',
  unread: '未读',
  open: '查看',
};
export default notificationsZhCN;
