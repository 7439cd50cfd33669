import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { APPLICATION_STATUSES, useApplications, useDecide, type ApplicationStatus, type Sector, type WlApplication } from '../../api/whitelist';
import { QueryError } from '../../components/QueryError';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import { AppStatusTag, ConditionResults, sectorLabel, SectorSelect } from './shared';

function RejectModal({ app, onClose }: { app: WlApplication; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const decide = useDecide();
  const showError = useShowError();
  const { message } = App.useApp();
  return (
    <Modal
      open
      title={t('wl.review.rejectTitle', { name: app.enterpriseName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={decide.isPending}
      okButtonProps={{ danger: true, 'data-testid': 'reject-submit' }}
      okText={t('wl.review.reject')}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          decide.mutate(
            { id: app.id, decision: 'reject', reason: v.reason },
            { onSuccess: () => { void message.success(t('wl.review.rejected')); onClose(); }, onError: (err) => showError(err, form) },
          )
        }
      >
        <Form.Item name="reason" label={t('wl.review.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('wl.review.reason') }) }]}>
          <Input.TextArea rows={4} maxLength={2000} data-testid="reject-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function ReviewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [status, setStatus] = useState<ApplicationStatus | undefined>('pending_review');
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [sector, setSector] = useState<Sector | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [rejecting, setRejecting] = useState<WlApplication | null>(null);
  const apps = useApplications({ status, regionCode, sector, page, pageSize });
  const decide = useDecide();

  const columns: TableColumnsType<WlApplication> = [
    {
      title: t('wl.field.name'),
      key: 'name',
      render: (_, a) => (
        <Space>
          {a.priority && <Tag color="magenta">{t('wl.review.priority')}</Tag>}
          <Link to={`/whitelist/enterprises/${a.enterpriseId}`}>{a.enterpriseName}</Link>
        </Space>
      ),
    },
    { title: t('wl.field.uscc'), dataIndex: 'uscc', width: 190 },
    { title: t('wl.field.region'), dataIndex: 'regionName', width: 100 },
    { title: t('wl.field.sector'), dataIndex: 'sector', width: 100, render: (s: string) => sectorLabel(t, s) },
    { title: t('wl.field.check'), dataIndex: 'checkPassed', width: 90, render: (p: boolean) => <Tag color={p ? 'success' : 'error'}>{p ? t('wl.common.passed') : t('wl.common.failed')}</Tag> },
    { title: t('wl.field.appStatus'), dataIndex: 'status', width: 130, render: (s: string) => <AppStatusTag status={s} /> },
    { title: t('wl.field.submittedAt'), dataIndex: 'submittedAt', width: 170, render: (at: string) => formatTime(at) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 160,
      render: (_, a) => (
        <Space>
          <Popconfirm
            title={t('wl.review.approveConfirm')}
            onConfirm={() => decide.mutateAsync({ id: a.id, decision: 'approve', reason: null }).then(() => void message.success(t('wl.review.approved')), (err: unknown) => showError(err))}
            okButtonProps={{ 'data-testid': 'approve-confirm' } as Record<string, string>}
          >
            <Button size="small" type="primary" disabled={!a.actions.includes('approve')} data-testid={`approve-${a.id}`}>
              {t('wl.review.approve')}
            </Button>
          </Popconfirm>
          <Button size="small" danger disabled={!a.actions.includes('reject')} onClick={() => setRejecting(a)} data-testid={`reject-${a.id}`}>
            {t('wl.review.reject')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card title={t('wl.review.title')} data-testid="review-page">
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<ApplicationStatus>
          allowClear
          style={{ width: 160 }}
          value={status}
          placeholder={t('wl.field.appStatus')}
          onChange={(v) => { setStatus(v); setPage(1); }}
          options={APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`wl.appStatus.${s}`) }))}
          data-testid="review-filter-status"
        />
        <RegionTreeSelect value={regionCode} onChange={(v) => { setRegionCode(v); setPage(1); }} placeholder={t('wl.field.region')} style={{ width: 180 }} testId="review-filter-region" />
        <SectorSelect allowClear value={sector} onChange={(v) => { setSector(v); setPage(1); }} testId="review-filter-sector" />
      </Space>
      {apps.error && !apps.data ? (
        <QueryError error={apps.error} onRetry={() => void apps.refetch()} />
      ) : (
        <Table<WlApplication>
          data-testid="review-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={apps.data?.items ?? []}
          loading={apps.isFetching}
          onRow={(a) => ({ 'data-testid': `review-row-${a.uscc}` }) as React.HTMLAttributes<HTMLElement>}
          expandable={{ expandedRowRender: (a) => (a.checkResult ? <ConditionResults evaluation={a.checkResult} testId={`review-conditions-${a.uscc}`} /> : a.statement), rowExpandable: (a) => Boolean(a.checkResult) }}
          pagination={{
            current: page,
            pageSize,
            total: apps.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => { setPage(size === pageSize ? p : 1); setPageSize(size); },
          }}
        />
      )}
      {rejecting && <RejectModal app={rejecting} onClose={() => setRejecting(null)} />}
    </Card>
  );
}
