import { useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { useCurrentUser } from '../../api/auth';
import { exportNotices, exportOverdue, NOTICE_STATES, useIssueNotice, useNotices, useOverdue, type ItemKind, type Notice, type NoticeState, type SupervisedItem } from '../../api/tasks';
import { QueryError } from '../../components/QueryError';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useShowError } from '../../lib/errors';
import { cappedShowTotal } from '../../lib/paging';
import { formatTime, pickedToUtcIso } from '../../lib/time';
import { NoticeStateTag, useOverdueText } from './shared';

function KindSelect({ value, onChange }: { value: ItemKind | undefined; onChange: (v: ItemKind | undefined) => void }) {
  const { t } = useTranslation();
  return <Select allowClear placeholder={t('tasks.supervision.kind')} style={{ width: 130 }} value={value} onChange={onChange} options={(['demand', 'task'] as const).map((k) => ({ value: k, label: t(`tasks.supervision.kinds.${k}`) }))} />;
}

function IssueDialog({ item, onClose }: { item: SupervisedItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ requirement: string; replyDeadline?: Dayjs }>();
  const issue = useIssueNotice();
  return (
    <Modal open={item !== null} title={`${t('tasks.supervision.issueTitle')} · ${item?.title ?? ''}`} okText={t('tasks.supervision.issue')} cancelText={t('common.cancel')} confirmLoading={issue.isPending} destroyOnHidden onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => item && issue.mutateAsync({ kind: item.kind, itemId: item.id, requirement: v.requirement, replyDeadline: v.replyDeadline ? pickedToUtcIso(v.replyDeadline) : null }).then(() => { void message.success(t('tasks.supervision.issued')); onClose(); }, (e: unknown) => showError(e, form)))}>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item label={t('tasks.supervision.unit')}>{item?.unit?.label}</Form.Item>
        <Form.Item name="requirement" label={t('tasks.requirement')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('tasks.requirement') }) }, { max: 4000 }]}>
          <Input.TextArea rows={4} placeholder={t('tasks.supervision.requirementPlaceholder')} data-testid="notice-requirement" />
        </Form.Item>
        <Form.Item name="replyDeadline" label={t('tasks.supervision.replyDeadline')} extra={t('tasks.supervision.replyDeadlineHint')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Board({ canIssue }: { canIssue: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const overdueText = useOverdueText();
  const [kind, setKind] = useState<ItemKind>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [issuing, setIssuing] = useState<SupervisedItem | null>(null);
  const list = useOverdue({ kind, page, pageSize });
  const columns: TableColumnsType<SupervisedItem> = [
    { title: t('tasks.supervision.kind'), dataIndex: 'kind', width: 100, render: (k: ItemKind) => <Tag color={k === 'demand' ? 'purple' : 'blue'}>{t(`tasks.supervision.kinds.${k}`)}</Tag> },
    { title: t('tasks.supervision.item'), key: 'title', render: (_, r) => <Space><Link to={r.link}>{r.title}</Link>{r.escalated && <Tag color="orange">{t('tasks.supervision.escalated')}</Tag>}</Space> },
    { title: t('tasks.region'), dataIndex: 'regionName', width: 100 },
    { title: t('tasks.supervision.unit'), key: 'unit', width: 220, render: (_, r) => r.unit?.label ?? <Typography.Text type="secondary">{t('tasks.supervision.noUnit')}</Typography.Text> },
    { title: t('tasks.deadline'), dataIndex: 'deadline', width: 170, render: (v: string | null) => formatTime(v) },
    { title: t('tasks.supervision.overdueHours'), dataIndex: 'overdueHours', width: 130, render: (h: number) => <Typography.Text type="danger">{overdueText(h)}</Typography.Text> },
    ...(canIssue ? [{ title: t('common.actions'), key: 'actions', width: 90, render: (_: unknown, r: SupervisedItem) => <Button size="small" type="primary" disabled={!r.unit} onClick={() => setIssuing(r)} data-testid="issue-open">{t('tasks.supervision.issue')}</Button> }] : []),
  ];
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" wrap gap={8}>
        <KindSelect value={kind} onChange={(v) => { setKind(v); setPage(1); }} />
        <Button icon={<DownloadOutlined />} onClick={() => exportOverdue({ kind }).then((name) => void message.success(t('common.exported', { name })), (e: unknown) => showError(e))}>{t('common.exportExcel')}</Button>
      </Flex>
      {list.error && !list.data ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<SupervisedItem> rowKey={(r) => `${r.kind}:${r.id}`} size="middle" loading={list.isFetching} columns={columns} dataSource={list.data?.items ?? []} data-testid="overdue-table"
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: cappedShowTotal(t, list.data), onChange: (p, s) => { setPage(p); setPageSize(s); } }} />
      )}
      <IssueDialog item={issuing} onClose={() => setIssuing(null)} />
    </Flex>
  );
}

function Notices({ mine }: { mine: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [q, setQ] = useState('');
  const [state, setState] = useState<NoticeState>();
  const [kind, setKind] = useState<ItemKind>();
  const [regionCode, setRegionCode] = useState<string>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  // A unit's own notices are not narrowed by region (the server takes the region only on the supervisor's list).
  const filters = { q: q || undefined, state, kind, ...(mine ? {} : { regionCode }) };
  const list = useNotices({ ...filters, page, pageSize }, mine);
  const columns: TableColumnsType<Notice> = [
    { title: t('tasks.supervision.item'), key: 'item', render: (_, n) => <Link to={`/supervision/notices/${n.id}`} data-testid="notice-open">{n.itemTitle}</Link> },
    { title: t('tasks.supervision.kind'), dataIndex: 'itemKind', width: 100, render: (k: ItemKind) => t(`tasks.supervision.kinds.${k}`) },
    { title: t('tasks.region'), dataIndex: 'regionName', width: 100 },
    { title: t('tasks.supervision.unit'), key: 'unit', width: 220, render: (_, n) => n.unit.label },
    { title: t('tasks.supervision.replyDeadline'), dataIndex: 'replyDeadline', width: 170, render: (v: string) => formatTime(v) },
    { title: t('tasks.state'), dataIndex: 'state', width: 120, render: (s: NoticeState) => <NoticeStateTag state={s} /> },
    { title: t('tasks.supervision.issuedBy'), dataIndex: 'issuedByName', width: 120 },
    { title: t('tasks.supervision.issuedAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v) },
  ];
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" wrap gap={8}>
        <Space wrap>
          <Input.Search allowClear placeholder={t('tasks.searchPlaceholder')} style={{ width: 220 }} onSearch={(v) => { setQ(v.trim()); setPage(1); }} />
          <Select allowClear placeholder={t('tasks.state')} style={{ width: 140 }} value={state} onChange={(v: NoticeState | undefined) => { setState(v); setPage(1); }} options={NOTICE_STATES.map((s) => ({ value: s, label: t(`tasks.supervision.states.${s}`) }))} />
          <KindSelect value={kind} onChange={(v) => { setKind(v); setPage(1); }} />
          {!mine && <RegionTreeSelect value={regionCode} onChange={(v) => { setRegionCode(v); setPage(1); }} placeholder={t('tasks.region')} style={{ width: 180 }} testId="notices-filter-region" />}
        </Space>
        {!mine && <Button icon={<DownloadOutlined />} onClick={() => exportNotices(filters).then((name) => void message.success(t('common.exported', { name })), (e: unknown) => showError(e))}>{t('common.exportExcel')}</Button>}
      </Flex>
      {list.error && !list.data ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<Notice> rowKey="id" size="middle" loading={list.isFetching} columns={columns} dataSource={list.data?.items ?? []} data-testid={mine ? 'my-notices-table' : 'notices-table'}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: cappedShowTotal(t, list.data), onChange: (p, s) => { setPage(p); setPageSize(s); } }} />
      )}
    </Flex>
  );
}

/** Supervision (督办督查): overdue board, the notices, and the notices sent to the caller's unit. */
export default function SupervisionPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const read = me.permissions.includes('supervision.read');
  const items = [
    ...(read ? [{ key: 'board', label: t('tasks.supervision.tabBoard'), children: <Board canIssue={me.permissions.includes('supervision.issue')} /> }] : []),
    ...(read ? [{ key: 'notices', label: t('tasks.supervision.tabNotices'), children: <Notices mine={false} /> }] : []),
    ...(me.permissions.includes('supervision.reply') ? [{ key: 'mine', label: t('tasks.supervision.tabMine'), children: <Notices mine /> }] : []),
  ];
  return (
    <Card title={t('tasks.supervision.pageTitle')} data-testid="supervision-page">
      <Tabs items={items} destroyOnHidden />
    </Card>
  );
}
