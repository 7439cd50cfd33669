import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Space, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useNotice, useNoticeAction, type NoticeAction } from '../../api/tasks';
import { QueryError } from '../../components/QueryError';
import { AttachmentsCard } from '../../components/AttachmentsCard';
import { FullPageSpin } from '../../components/FullPageSpin';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import { NoticeStateTag, NoteDialog } from './shared';

type Act = Exclude<NoticeAction, 'expire'>;
const LABEL: Record<Act, 'reply' | 'closeNote' | 'reply'> = { reply: 'reply', return: 'reply', close: 'closeNote' };

/** One supervision notice: the unit replies; the supervisor returns or closes it. */
export default function NoticeDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const detail = useNotice(id);
  const act = useNoticeAction();
  const [pending, setPending] = useState<Act | null>(null);
  if (detail.error && !detail.data) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <FullPageSpin />;
  const { notice: n, events } = detail.data;
  const actions = n.actions.filter((a): a is Act => a !== 'expire');
  return (
    <Flex vertical gap={16} data-testid="notice-detail">
      <Card
        title={<Space>{t('tasks.supervision.noticeTitle')}<NoticeStateTag state={n.state} /></Space>}
        extra={<Space>{actions.map((a) => <Button key={a} type={a === 'reply' || a === 'close' ? 'primary' : 'default'} onClick={() => setPending(a)} data-testid={`notice-${a}`}>{t(`tasks.supervision.actions.${a}`)}</Button>)}</Space>}
      >
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label={t('tasks.supervision.item')} span={2}><Space>{t(`tasks.supervision.kinds.${n.itemKind}`)}<Link to={n.itemLink}>{n.itemTitle}</Link></Space></Descriptions.Item>
          <Descriptions.Item label={t('tasks.supervision.unit')}>{n.unit.label}</Descriptions.Item>
          <Descriptions.Item label={t('tasks.region')}>{n.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('tasks.requirement')} span={2}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{n.requirement}</Typography.Paragraph></Descriptions.Item>
          <Descriptions.Item label={t('tasks.supervision.replyDeadline')}>{formatTime(n.replyDeadline)}</Descriptions.Item>
          <Descriptions.Item label={t('tasks.supervision.issuedBy')}>{n.issuedByName} · {formatTime(n.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('tasks.supervision.reply')} span={2}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="notice-reply-text">{n.reply ?? t('common.none')}</Typography.Paragraph></Descriptions.Item>
          {n.repliedAt && <Descriptions.Item label={t('tasks.supervision.repliedAt')} span={2}>{n.repliedByName} · {formatTime(n.repliedAt)}</Descriptions.Item>}
          {n.closeNote && <Descriptions.Item label={t('tasks.supervision.closeNote')} span={2}>{n.closeNote}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <AttachmentsCard path={`/api/supervision/notices/${n.id}/attachments`} title={t('files.replyFiles')} testId="notice-files" />
      <Card title={t('tasks.supervision.history')}>
        <Timeline items={events.map((e) => ({ key: e.id, children: <Space direction="vertical" size={0}><span><Typography.Text strong>{formatTime(e.at)}</Typography.Text> · {e.actorName} · {t(`tasks.supervision.eventNames.${e.action as Act | 'issue' | 'expire'}`)}</span>{e.note && <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>{e.note}</Typography.Text>}</Space> }))} />
      </Card>
      <NoteDialog
        open={pending !== null}
        title={pending ? t(`tasks.supervision.actions.${pending}`) : ''}
        label={pending === 'return' ? t('tasks.reasonLabel') : pending ? t(`tasks.supervision.${LABEL[pending]}`) : ''}
        required
        confirm={pending === 'close' ? t('tasks.supervision.confirmClose') : undefined}
        loading={act.isPending}
        onCancel={() => setPending(null)}
        onOk={async (note) => {
          if (!pending) return;
          await act.mutateAsync({ id: n.id, action: pending, note }).then(() => { void message.success(t('tasks.done')); setPending(null); }, (e: unknown) => showError(e));
        }}
      />
    </Flex>
  );
}
