import { useState } from 'react';
import { Form, Input, Modal, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AssignmentState, NoticeState } from '../../api/tasks';

const STATE_COLOR: Record<AssignmentState, string> = { assigned: 'blue', in_progress: 'processing', submitted: 'gold', returned: 'volcano', accepted: 'green', cancelled: 'default' };
const NOTICE_COLOR: Record<NoticeState, string> = { issued: 'blue', replied: 'gold', closed: 'green', overdue: 'red' };

export function AssignmentStateTag({ state }: { state: AssignmentState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOR[state]}>{t(`tasks.states.${state}`)}</Tag>;
}
export function NoticeStateTag({ state }: { state: NoticeState }) {
  const { t } = useTranslation();
  return <Tag color={NOTICE_COLOR[state]}>{t(`tasks.supervision.states.${state}`)}</Tag>;
}

/** Hours overdue as "2 天 5 小时". */
export function useOverdueText(): (hours: number) => string {
  const { t } = useTranslation();
  return (h) => (h >= 24 ? t('tasks.supervision.days', { days: Math.floor(h / 24), hours: h % 24 }) : t('tasks.supervision.hours', { count: h }));
}

/** A dialog asking for a note (a reason, evidence, a reply) before an action is sent. */
export function NoteDialog(props: { open: boolean; title: string; label: string; required: boolean; confirm?: string | undefined; loading: boolean; onCancel: () => void; onOk: (note: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={props.loading || busy}
      destroyOnHidden
      onCancel={props.onCancel}
      onOk={() =>
        form.validateFields().then(async (v) => {
          setBusy(true);
          try {
            await props.onOk(v.note ?? '');
            form.resetFields();
          } finally {
            setBusy(false);
          }
        })
      }
    >
      <Form form={form} layout="vertical" preserve={false}>
        {props.confirm && <p>{props.confirm}</p>}
        <Form.Item name="note" label={props.label} rules={props.required ? [{ required: true, whitespace: true, message: t('common.required', { label: props.label }) }, { max: 4000 }] : [{ max: 4000 }]}>
          <Input.TextArea rows={4} data-testid="note-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
