import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Space, Table, Timeline, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { AttachmentsCard } from '../../components/AttachmentsCard';
import { useAssignmentAction, useTask, type Assignment, type AssignmentAction } from '../../api/tasks';
import { QueryError } from '../../components/QueryError';
import { FullPageSpin } from '../../components/FullPageSpin';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import { AssignmentStateTag, NoteDialog } from './shared';

/** Which actions need a note, and whether it is a reason or evidence. */
const NOTE: Record<AssignmentAction, { required: boolean; label: 'noteLabel' | 'evidenceLabel' | 'reasonLabel'; confirm?: 'confirmAccept' | 'confirmCancel' }> = {
  progress: { required: true, label: 'noteLabel' },
  complete: { required: true, label: 'evidenceLabel' },
  accept: { required: false, label: 'noteLabel', confirm: 'confirmAccept' },
  return: { required: true, label: 'reasonLabel' },
  cancel: { required: true, label: 'reasonLabel', confirm: 'confirmCancel' },
};

/** One task with each assignee's progress and history; buttons come from the server's `actions`. */
export default function TaskDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const detail = useTask(id);
  const act = useAssignmentAction();
  const [pending, setPending] = useState<{ a: Assignment; action: AssignmentAction } | null>(null);
  if (detail.error && !detail.data) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <FullPageSpin />;
  const { task, assignments, events } = detail.data;

  const columns: TableColumnsType<Assignment> = [
    { title: t('tasks.units'), key: 'unit', render: (_, a) => <Space direction="vertical" size={0}><span>{a.unit.label}</span><Typography.Text type="secondary">{t(`tasks.deptType.${a.unit.type}`)}</Typography.Text></Space> },
    { title: t('tasks.state'), key: 'state', width: 150, render: (_, a) => <Space>{<AssignmentStateTag state={a.state} />}{a.overdue && <Typography.Text type="danger">{t('tasks.overdue')}</Typography.Text>}</Space> },
    { title: t('tasks.lastNote'), dataIndex: 'lastNote', render: (v: string | null) => v ?? t('common.none') },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 260,
      render: (_, a) => (
        <Space wrap size={4}>
          {a.actions.map((action) => (
            <Button key={action} size="small" type={action === 'accept' || action === 'complete' ? 'primary' : 'default'} danger={action === 'cancel'} onClick={() => setPending({ a, action })} data-testid={`assignment-${action}`}>
              {t(`tasks.actions.${action}`)}
            </Button>
          ))}
        </Space>
      ),
    },
  ];
  const unitOf = new Map(assignments.map((a) => [a.id, a.unit.label]));
  const spec = pending ? NOTE[pending.action] : null;
  return (
    <Flex vertical gap={16} data-testid="task-detail">
      <Card title={t('tasks.detailTitle')}>
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label={t('tasks.title')} span={2}>{task.title}</Descriptions.Item>
          <Descriptions.Item label={t('tasks.requirement')} span={2}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{task.requirement}</Typography.Paragraph></Descriptions.Item>
          <Descriptions.Item label={t('tasks.deadline')}>{formatTime(task.deadline)}</Descriptions.Item>
          <Descriptions.Item label={t('tasks.region')}>{task.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('tasks.createdBy')}>{task.createdByName}</Descriptions.Item>
          <Descriptions.Item label={t('tasks.createdAt')}>{formatTime(task.createdAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('tasks.assignments')}>
        <Table<Assignment>
          rowKey="id"
          size="middle"
          pagination={false}
          columns={columns}
          dataSource={assignments}
          data-testid="assignments-table"
          // Each unit's evidence for its progress and completion reports, under its row.
          expandable={{ expandedRowRender: (a) => <AttachmentsCard path={`/api/tasks/assignments/${a.id}/attachments`} title={`${t('files.evidence')} · ${a.unit.label}`} testId={`evidence-${a.id}`} />, defaultExpandedRowKeys: assignments.length === 1 ? [assignments[0]!.id] : [] }}
        />
      </Card>
      <Card title={t('tasks.timeline')}>
        <Timeline
          items={events.map((e) => ({
            key: e.id,
            children: (
              <Space direction="vertical" size={0}>
                <span>
                  <Typography.Text strong>{formatTime(e.at)}</Typography.Text> · {unitOf.get(e.assignmentId)} · {e.actorName} · {t(`tasks.actions.${e.action as AssignmentAction | 'assign'}`)}
                </span>
                {e.note && <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>{e.note}</Typography.Text>}
              </Space>
            ),
          }))}
        />
      </Card>
      <NoteDialog
        open={pending !== null}
        title={pending ? `${t(`tasks.actions.${pending.action}`)} · ${pending.a.unit.label}` : ''}
        label={spec ? t(`tasks.${spec.label}`) : ''}
        required={spec?.required ?? false}
        confirm={spec?.confirm ? t(`tasks.${spec.confirm}`) : undefined}
        loading={act.isPending}
        onCancel={() => setPending(null)}
        onOk={async (note) => {
          if (!pending) return;
          await act.mutateAsync({ id: pending.a.id, action: pending.action, note: note.trim() || null }).then(
            () => {
              void message.success(t('tasks.done'));
              setPending(null);
            },
            (err: unknown) => showError(err),
          );
        }}
      />
    </Flex>
  );
}
