import { useState } from 'react';
import { App, Button, Card, Flex, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { exportAudit, useAuditEvents, useVerifyAuditChain } from '../../api/audit';
import type { AuditEvent, AuditFilters as Filters } from '../../api/types';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import { AuditFilters } from './AuditFilters';
import { VerifyResult } from './VerifyResult';

function detailSummary(detail: AuditEvent['detail']): string {
  if (!detail) return '';
  return JSON.stringify(detail);
}

export default function AuditPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [exporting, setExporting] = useState(false);
  const events = useAuditEvents({ ...filters, page, pageSize });
  const verify = useVerifyAuditChain();

  const onExport = () => {
    setExporting(true);
    exportAudit(filters)
      .then((name) => void message.success(t('common.exported', { name })))
      .catch((err: unknown) => showError(err))
      .finally(() => setExporting(false));
  };

  const none = t('common.none');
  const columns: TableColumnsType<AuditEvent> = [
    { title: 'ID', dataIndex: 'id', key: 'id', width: 80 },
    { title: t('audit.at'), dataIndex: 'at', key: 'at', width: 170, render: (at: string) => formatTime(at) },
    {
      title: t('audit.actorColumn'),
      dataIndex: 'actorName',
      key: 'actor',
      width: 120,
      render: (name: string | null) => name ?? none,
    },
    { title: t('audit.ip'), dataIndex: 'ip', key: 'ip', width: 130, render: (ip: string | null) => ip ?? none },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      width: 180,
      render: (action: string) => <Tag bordered={false} color="blue">{action}</Tag>,
    },
    {
      title: t('audit.targetType'),
      dataIndex: 'targetType',
      key: 'targetType',
      width: 110,
      render: (v: string | null) => v ?? none,
    },
    {
      title: t('audit.targetId'),
      dataIndex: 'targetId',
      key: 'targetId',
      width: 140,
      ellipsis: true,
      render: (v: AuditEvent['targetId']) => (v === null ? none : String(v)),
    },
    {
      title: t('audit.detail'),
      dataIndex: 'detail',
      key: 'detail',
      width: 280,
      ellipsis: true,
      render: (d: AuditEvent['detail']) => (
        <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
          {detailSummary(d) || none}
        </Typography.Text>
      ),
    },
  ];

  return (
    <Card
      title={t('menu.audit')}
      extra={<Typography.Text type="secondary">{t('audit.timezoneNote')}</Typography.Text>}
      data-testid="audit-page"
    >
      <Flex vertical gap={16}>
        <AuditFilters
          onChange={(next) => {
            setFilters(next);
            setPage(1);
          }}
        />
        <Flex justify="flex-end">
          <Space>
            <Button
              icon={<SafetyOutlined />}
              loading={verify.isPending}
              onClick={() => verify.mutate(undefined, { onError: (err) => showError(err) })}
              data-testid="audit-verify"
            >
              {t('audit.verify')}
            </Button>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={onExport} data-testid="audit-export">
              {t('common.exportExcel')}
            </Button>
          </Space>
        </Flex>
        {verify.data && <VerifyResult result={verify.data} onClose={() => verify.reset()} />}
        {events.error && !events.data ? (
          <QueryError error={events.error} onRetry={() => void events.refetch()} />
        ) : (
          <Table<AuditEvent>
            data-testid="audit-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={events.data?.items ?? []}
            loading={events.isFetching}
            scroll={{ x: 1260 }}
            sticky={{ offsetHeader: 64 }}
            expandable={{
              rowExpandable: (e) => e.detail !== null,
              expandedRowRender: (e) => <pre className="sibao-pre">{JSON.stringify(e.detail, null, 2)}</pre>,
            }}
            pagination={{
              current: page,
              pageSize,
              total: events.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (total) => t('common.total', { total }),
              onChange: (p, size) => {
                setPage(size === pageSize ? p : 1);
                setPageSize(size);
              },
            }}
          />
        )}
      </Flex>
    </Card>
  );
}
