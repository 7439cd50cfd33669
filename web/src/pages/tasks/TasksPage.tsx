import { useMemo, useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Input, Modal, Progress, Select, Space, Switch, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { useCurrentUser } from '../../api/auth';
import { ASSIGNMENT_STATES, exportTasks, useAssignableUnits, useAssignTask, useMyAssignments, useTasks, type Assignment, type AssignmentState, type Task, type UnitType } from '../../api/tasks';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';
import { cappedShowTotal } from '../../lib/paging';
import { formatTime, pickedToUtcIso } from '../../lib/time';
import { AssignmentStateTag } from './shared';

function AssignDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ title: string; requirement: string; deadline: Dayjs; units: string[] }>();
  const units = useAssignableUnits(open);
  const assign = useAssignTask();
  // One key per opening of the dialog: a double click or a retry stores the task once.
  const requestKey = useMemo(() => (open ? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}` : ''), [open]);
  const options = (['department', 'task_force', 'command'] as UnitType[]).map((type) => ({
    label: t(`tasks.deptType.${type}`),
    options: (units.data ?? []).filter((u) => u.type === type).map((u) => ({ value: `${u.type}:${u.id}`, label: u.label })),
  }));
  const submit = () =>
    form.validateFields().then((v) =>
      assign
        .mutateAsync({ title: v.title, requirement: v.requirement, deadline: pickedToUtcIso(v.deadline), units: v.units.map((k) => ({ type: k.split(':')[0] as UnitType, id: k.split(':')[1]! })), requestKey })
        .then(() => {
          void message.success(t('tasks.assigned'));
          form.resetFields();
          onClose();
        }, (err: unknown) => showError(err, form)),
    );
  return (
    <Modal open={open} title={t('tasks.assignTitle')} width={640} okText={t('tasks.actions.assign')} cancelText={t('common.cancel')} confirmLoading={assign.isPending} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} data-testid="assign-form">
        <Form.Item name="title" label={t('tasks.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('tasks.title') }) }, { max: 200 }]}>
          <Input data-testid="assign-title" />
        </Form.Item>
        <Form.Item name="requirement" label={t('tasks.requirement')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('tasks.requirement') }) }, { max: 4000 }]}>
          <Input.TextArea rows={4} data-testid="assign-requirement" />
        </Form.Item>
        <Form.Item name="deadline" label={t('tasks.deadline')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('tasks.deadline') }) }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} data-testid="assign-deadline" />
        </Form.Item>
        <Form.Item name="units" label={t('tasks.units')} extra={t('tasks.unitsHint')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('tasks.units') }) }]}>
          <Select mode="multiple" options={options} loading={units.isLoading} showSearch={{ optionFilterProp: 'label' }} data-testid="assign-units" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function StateSelect({ value, onChange }: { value: AssignmentState | undefined; onChange: (v: AssignmentState | undefined) => void }) {
  const { t } = useTranslation();
  return <Select allowClear placeholder={t('tasks.state')} style={{ width: 140 }} value={value} onChange={onChange} options={ASSIGNMENT_STATES.map((s) => ({ value: s, label: t(`tasks.states.${s}`) }))} />;
}

function AllTasks({ canAssign }: { canAssign: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [q, setQ] = useState('');
  const [state, setState] = useState<AssignmentState>();
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [assigning, setAssigning] = useState(false);
  const filters = { q: q || undefined, state, overdue: overdue ? ('true' as const) : undefined };
  const list = useTasks({ ...filters, page, pageSize });
  const columns: TableColumnsType<Task> = [
    { title: t('tasks.title'), key: 'title', render: (_, r) => <Link to={`/tasks/${r.id}`}>{r.title}</Link> },
    { title: t('tasks.region'), dataIndex: 'regionName', width: 110 },
    { title: t('tasks.deadline'), dataIndex: 'deadline', width: 170, render: (v: string) => <Typography.Text type={dayjs(v).isBefore(dayjs()) ? 'danger' : undefined}>{formatTime(v)}</Typography.Text> },
    { title: t('tasks.progress'), key: 'progress', width: 200, render: (_, r) => <Progress size="small" percent={r.total ? Math.round(((r.counts.accepted ?? 0) / r.total) * 100) : 0} format={() => t('tasks.progressText', { done: r.counts.accepted ?? 0, total: r.total })} /> },
    { title: t('tasks.state'), key: 'states', render: (_, r) => <Space size={[0, 4]} wrap>{ASSIGNMENT_STATES.filter((s) => r.counts[s]).map((s) => <span key={s}><AssignmentStateTag state={s} />×{r.counts[s]}</span>)}</Space> },
    { title: t('tasks.createdBy'), dataIndex: 'createdByName', width: 120 },
    { title: t('tasks.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v) },
  ];
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" wrap gap={8}>
        <Space wrap>
          <Input.Search allowClear placeholder={t('tasks.searchPlaceholder')} style={{ width: 240 }} onSearch={(v) => { setQ(v.trim()); setPage(1); }} data-testid="tasks-search" />
          <StateSelect value={state} onChange={(v) => { setState(v); setPage(1); }} />
          <Space><Switch checked={overdue} onChange={(v) => { setOverdue(v); setPage(1); }} />{t('tasks.overdueOnly')}</Space>
        </Space>
        <Space>
          <Button icon={<DownloadOutlined />} onClick={() => exportTasks(filters).then((name) => void message.success(t('common.exported', { name })), (e: unknown) => showError(e))}>{t('common.exportExcel')}</Button>
          {canAssign && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAssigning(true)} data-testid="assign-open">{t('tasks.assign')}</Button>}
        </Space>
      </Flex>
      {list.error && !list.data ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<Task> rowKey="id" size="middle" loading={list.isFetching} columns={columns} dataSource={list.data?.items ?? []} data-testid="tasks-table"
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: cappedShowTotal(t, list.data), onChange: (p, s) => { setPage(p); setPageSize(s); } }} />
      )}
      <AssignDialog open={assigning} onClose={() => setAssigning(false)} />
    </Flex>
  );
}

function MyAssignments() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [state, setState] = useState<AssignmentState>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useMyAssignments({ q: q || undefined, state, page, pageSize });
  const columns: TableColumnsType<Assignment> = [
    { title: t('tasks.title'), key: 'title', render: (_, r) => <Link to={`/tasks/${r.taskId}`}>{r.taskTitle}</Link> },
    { title: t('tasks.units'), key: 'unit', width: 220, render: (_, r) => r.unit.label },
    { title: t('tasks.deadline'), dataIndex: 'deadline', width: 190, render: (v: string, r) => <Space>{formatTime(v)}{r.overdue && <Typography.Text type="danger">{t('tasks.overdue')}</Typography.Text>}</Space> },
    { title: t('tasks.state'), dataIndex: 'state', width: 110, render: (s: AssignmentState) => <AssignmentStateTag state={s} /> },
    { title: t('tasks.lastNote'), dataIndex: 'lastNote', ellipsis: true, render: (v: string | null) => v ?? t('common.none') },
    { title: t('common.actions'), key: 'open', width: 90, render: (_, r) => <Link to={`/tasks/${r.taskId}`} data-testid="assignment-open">{t('tasks.detail')}</Link> },
  ];
  return (
    <Flex vertical gap={16}>
      <Space wrap>
        <Input.Search allowClear placeholder={t('tasks.searchPlaceholder')} style={{ width: 240 }} onSearch={(v) => { setQ(v.trim()); setPage(1); }} />
        <StateSelect value={state} onChange={(v) => { setState(v); setPage(1); }} />
      </Space>
      {list.error && !list.data ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<Assignment> rowKey="id" size="middle" loading={list.isFetching} columns={columns} dataSource={list.data?.items ?? []} data-testid="my-assignments-table"
          rowClassName={(r) => (r.overdue ? 'row-overdue' : '')}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: cappedShowTotal(t, list.data), onChange: (p, s) => { setPage(p); setPageSize(s); } }} />
      )}
    </Flex>
  );
}

/** Tasks (工作交办): the command's tasks with the assign dialog, and the unit's own assignments. */
export default function TasksPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canAssign = me.permissions.includes('tasks.assign');
  const oversee = canAssign || me.permissions.includes('supervision.read');
  const canHandle = me.permissions.includes('tasks.handle');
  const items = [
    ...(oversee ? [{ key: 'all', label: t('tasks.tabAll'), children: <AllTasks canAssign={canAssign} /> }] : []),
    ...(canHandle ? [{ key: 'mine', label: t('tasks.tabMine'), children: <MyAssignments /> }] : []),
  ];
  return (
    <Card title={t('tasks.pageTitle')} data-testid="tasks-page">
      {items.length > 1 ? <Tabs items={items} destroyOnHidden /> : items[0]?.children ?? <AllTasks canAssign={false} />}
    </Card>
  );
}
