import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApply, useMyPolicies, yuan, type Match } from '../../api/policies';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import { UptakeTag } from './shared';

/** 我的政策: what policy matching found for the enterprise, with its benefit and uptake. */
export default function MyPoliciesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const list = useMyPolicies();
  const apply = useApply();
  const [target, setTarget] = useState<Match | null>(null);
  const [form] = Form.useForm<{ reference: string }>();

  const columns: TableColumnsType<Match> = [
    { title: t('pol.field.policy'), key: 'policy', width: 320, render: (_, m) => <Space><Link to={`/policies/${m.policyId}`}>{m.policyTitle}</Link>{!m.qualifies && <Tag color="orange">{t('pol.mine.lapsed')}</Tag>}</Space> },
    { title: t('pol.field.category'), dataIndex: 'category', width: 130, render: (c: Match['category']) => t(`pol.category.${c}`) },
    { title: t('pol.field.benefitYuan'), dataIndex: 'benefitFen', width: 150, align: 'right', render: (f: number | null) => yuan(f) },
    { title: t('pol.field.status'), dataIndex: 'status', width: 160, render: (s: Match['status']) => <UptakeTag status={s} /> },
    { title: t('pol.field.applicationRef'), dataIndex: 'applicationRef', width: 150, render: (v: string | null) => v ?? '—' },
    { title: t('pol.field.disbursedYuan'), dataIndex: 'disbursedFen', width: 140, align: 'right', render: (f: number | null) => yuan(f) },
    { title: t('pol.field.matchedAt'), dataIndex: 'matchedAt', width: 170, render: (v: string) => formatTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, m) => m.actions.includes('apply') && <Button size="small" type="primary" onClick={() => { form.resetFields(); setTarget(m); }} data-testid={`pol-apply-${m.policyTitle}`}>{t('pol.mine.apply')}</Button>,
    },
  ];

  const onOk = () =>
    void form.validateFields().then((v) => {
      if (!target) return;
      apply.mutate({ id: target.id, reference: v.reference }, { onSuccess: () => { void message.success(t('pol.mine.applied')); setTarget(null); }, onError: (e) => showError(e, form) });
    });

  return (
    <Card title={t('pol.mine.heading')}>
      <Alert type="info" showIcon message={t('pol.mine.hint')} style={{ marginBottom: 16 }} />
      {list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Match> rowKey="id" loading={list.isFetching} columns={columns} dataSource={list.data ?? []} locale={{ emptyText: t('pol.mine.empty') }} pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }} data-testid="pol-mine-table" />
      )}
      <Modal open={target !== null} title={`${t('pol.mine.apply')}：${target?.policyTitle ?? ''}`} onCancel={() => setTarget(null)} onOk={onOk} confirmLoading={apply.isPending} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="reference" label={t('pol.mine.reference')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('pol.mine.reference') }) }]}>
            <Input maxLength={100} data-testid="pol-apply-ref" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
