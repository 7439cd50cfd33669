import { useState } from 'react';
import { App, Button, Card, Drawer, Form, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCloseIssue, useCommonIssue, useCommonIssues, type CommonIssue, type Demand } from '../../api/demands';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import { DemandTags } from './shared';

function IssueDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useCommonIssue(id);
  const close = useCloseIssue();
  const [form] = Form.useForm<{ answer: string }>();
  const [closing, setClosing] = useState(false);
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const issue = q.data?.issue;
  const members: TableColumnsType<Demand> = [
    { title: t('demands.col.no'), dataIndex: 'no', render: (no: number, d) => <Link to={`/demands/${d.id}`}>#{no}</Link> },
    { title: t('demands.col.enterprise'), dataIndex: 'enterpriseName' },
    { title: t('demands.col.title'), dataIndex: 'title' },
    { title: t('demands.col.state'), key: 's', render: (_, d) => <DemandTags d={d} /> },
  ];
  return (
    <Drawer open width={860} onClose={onClose} title={issue?.title} extra={issue?.state === 'open' && <Button type="primary" onClick={() => setClosing(true)} data-testid="issue-close">{t('demands.issues.close')}</Button>}>
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {issue && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('demands.issues.owner')}：{issue.ownerLabel}　{t(`demands.categories.${issue.category}`)}</Typography.Text>
          {issue.answer && <Typography.Paragraph>{t('demands.detail.answer')}：{issue.answer}</Typography.Paragraph>}
          <Table<Demand> rowKey="id" size="small" columns={members} dataSource={q.data?.members ?? []} pagination={false} />
        </Space>
      )}
      <Modal
        open={closing}
        title={t('demands.issues.close')}
        onCancel={() => setClosing(false)}
        onOk={() => form.submit()}
        confirmLoading={close.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            modal.confirm({
              title: t('demands.issues.closeConfirm', { count: q.data?.members.length ?? 0 }),
              onOk: () =>
                close.mutateAsync({ id, answer: v.answer }).then(
                  (r) => { void message.success(t('demands.issues.closed', { count: r.answered })); setClosing(false); },
                  (e: unknown) => showError(e, form),
                ),
            })
          }
        >
          <Form.Item name="answer" label={t('demands.dialog.answer')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('demands.dialog.answer') }) }]}>
            <Input.TextArea rows={5} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}

/** The dispatcher's common issues: open ones to close with one answer, closed ones kept. */
export default function CommonIssuesPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<'open' | 'closed'>('open');
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const list = useCommonIssues(state);
  const rows = (list.data ?? []).filter((i) => !q || i.title.includes(q) || i.ownerLabel.includes(q));
  const columns: TableColumnsType<CommonIssue> = [
    { title: t('demands.issues.title'), dataIndex: 'title', render: (v: string, i) => <a onClick={() => setOpen(i.id)}>{v}</a> },
    { title: t('demands.col.category'), dataIndex: 'category', render: (c: CommonIssue['category']) => t(`demands.categories.${c}`) },
    { title: t('demands.issues.owner'), dataIndex: 'ownerLabel' },
    { title: t('demands.col.state'), dataIndex: 'state', render: (s: string) => <Tag color={s === 'open' ? 'processing' : 'default'}>{t(`demands.issues.${s as 'open'}`)}</Tag> },
    { title: t('demands.col.created'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
  ];
  return (
    <Card data-testid="common-issues-page" title={t('demands.issues.pageTitle')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('demands.issues.intro')}</Typography.Text>
        <Space>
          <Segmented value={state} onChange={(v) => setState(v as 'open' | 'closed')} options={[{ value: 'open', label: t('demands.issues.open') }, { value: 'closed', label: t('demands.issues.closedState') }]} />
          <Input.Search allowClear placeholder={t('demands.issues.search')} onSearch={setQ} style={{ width: 240 }} />
        </Space>
        {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<CommonIssue> rowKey="id" loading={list.isFetching} columns={columns} dataSource={rows} pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }} />
      </Space>
      {open && <IssueDrawer id={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}
