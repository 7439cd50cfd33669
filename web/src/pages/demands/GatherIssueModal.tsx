import { useState } from 'react';
import { App, Form, Input, Modal, Select, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCandidates, useCreateIssue, useUnits, type Demand } from '../../api/demands';
import { useShowError } from '../../lib/errors';

/** From one demand: pick similar open demands the server proposes, a title and a policy owner. */
export function GatherIssueModal({ d, onClose }: { d: Demand; onClose: () => void }) {
  const { t } = useTranslation();
  const cands = useCandidates(d.id, true);
  const units = useUnits(d.id, true);
  const create = useCreateIssue();
  const [form] = Form.useForm<{ title: string; owner: string }>();
  const [picked, setPicked] = useState<string[]>([]);
  const { message } = App.useApp();
  const showError = useShowError();
  return (
    <Modal open width={900} title={t('demands.issues.gather')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ title: d.title }}
        onFinish={(v) => {
          const [ownerType, ownerId] = v.owner.split(':');
          create.mutate(
            { title: v.title, ownerType: ownerType!, ownerId: ownerId!, demandIds: [d.id, ...picked] },
            { onSuccess: () => { void message.success(t('demands.dialog.done')); onClose(); }, onError: (e) => showError(e, form) },
          );
        }}
      >
        <Form.Item name="title" label={t('demands.issues.title')} rules={[{ required: true, whitespace: true }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="owner" label={t('demands.issues.owner')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('demands.issues.owner') }) }]}>
          <Select showSearch optionFilterProp="label" loading={units.isLoading} options={(units.data ?? []).map((u) => ({ value: `${u.type}:${u.id}`, label: u.label }))} />
        </Form.Item>
      </Form>
      <Table<Demand & { similarity: number }>
        rowKey="id"
        size="small"
        loading={cands.isLoading}
        rowSelection={{ selectedRowKeys: picked, onChange: (keys) => setPicked(keys as string[]) }}
        dataSource={cands.data ?? []}
        pagination={false}
        scroll={{ y: 300 }}
        columns={[
          { title: t('demands.col.no'), dataIndex: 'no', width: 70 },
          { title: t('demands.col.enterprise'), dataIndex: 'enterpriseName', width: 220, ellipsis: true },
          { title: t('demands.col.title'), dataIndex: 'title', ellipsis: true },
          { title: t('demands.issues.similarity'), dataIndex: 'similarity', width: 90, render: (s: number) => `${Math.round(s * 100)}%` },
        ]}
      />
    </Modal>
  );
}
