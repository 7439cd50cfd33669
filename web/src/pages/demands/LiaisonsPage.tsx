import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { exportPairings, useCadres, useEnterpriseLookup, usePair, usePairings, useUnpair, type Pairing } from '../../api/demandAdmin';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';

/** Pair a cadre with an enterprise: both picked by a server-side search. */
function PairDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ userId: string; enterpriseId: string }>();
  const [cq, setCq] = useState('');
  const [eq, setEq] = useState('');
  const cadres = useCadres(cq);
  const ents = useEnterpriseLookup(eq);
  const pair = usePair();
  return (
    <Modal
      open
      title={t('demandAdmin.liaisons.add')}
      onCancel={onClose}
      confirmLoading={pair.isPending}
      onOk={() => void form.validateFields().then((v) => pair.mutate(v, { onSuccess: () => { void message.success(t('demandAdmin.liaisons.added')); onClose(); }, onError: (e) => showError(e, form) }))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="userId" label={t('demandAdmin.liaisons.cadre')} rules={[{ required: true }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setCq }}
            placeholder={t('demandAdmin.liaisons.pickCadre')}
            loading={cadres.isFetching}
            data-testid="pair-cadre"
            options={(cadres.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}，${u.regionName}）` }))}
          />
        </Form.Item>
        <Form.Item name="enterpriseId" label={t('demandAdmin.liaisons.enterprise')} rules={[{ required: true }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setEq }}
            placeholder={t('demandAdmin.liaisons.pickEnterprise')}
            loading={ents.isFetching}
            data-testid="pair-enterprise"
            options={(ents.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.regionName}）` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Liaison pairings (包保干部结对): search, paging, export, pair and unpair with confirmation. */
export default function LiaisonsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = usePairings({ q, page, pageSize });
  const unpair = useUnpair();
  const [adding, setAdding] = useState(false);
  const [exporting, setExporting] = useState(false);
  const columns: TableColumnsType<Pairing> = [
    { title: t('demandAdmin.liaisons.cadre'), dataIndex: 'userName', width: 140 },
    { title: t('demandAdmin.liaisons.account'), dataIndex: 'username', width: 140 },
    { title: t('demandAdmin.liaisons.enterprise'), dataIndex: 'enterpriseName', ellipsis: true },
    { title: t('demandAdmin.liaisons.region'), dataIndex: 'regionName', width: 110 },
    { title: t('demandAdmin.liaisons.pairedBy'), dataIndex: 'createdBy', width: 130, render: (v: string | null) => v ?? t('common.none') },
    { title: t('demandAdmin.liaisons.pairedAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v) },
    {
      title: '',
      key: 'op',
      width: 110,
      render: (_, p) => (
        <Popconfirm
          title={t('demandAdmin.liaisons.removeConfirm', { user: p.userName, enterprise: p.enterpriseName })}
          onConfirm={() => unpair.mutate({ userId: p.userId, enterpriseId: p.enterpriseId }, { onSuccess: () => void message.success(t('demandAdmin.liaisons.removed')), onError: (e) => showError(e) })}
        >
          <Button type="link" danger size="small" data-testid={`unpair-${p.username}`}>{t('demandAdmin.liaisons.remove')}</Button>
        </Popconfirm>
      ),
    },
  ];
  return (
    <Card data-testid="demand-liaisons-page" title={t('demandAdmin.liaisons.title')} extra={<Button type="primary" onClick={() => setAdding(true)} data-testid="pair-add">{t('demandAdmin.liaisons.add')}</Button>}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Text type="secondary">{t('demandAdmin.liaisons.intro')}</Typography.Text>
        <Space wrap>
          <Input.Search allowClear placeholder={t('demandAdmin.liaisons.search')} style={{ width: 280 }} onSearch={(v) => { setQ(v || undefined); setPage(1); }} data-testid="liaison-search" />
          <Button loading={exporting} onClick={() => { setExporting(true); exportPairings(q).then((name) => void message.success(t('common.exported', { name })), (e: unknown) => showError(e)).finally(() => setExporting(false)); }}>
            {t('common.exportExcel')}
          </Button>
        </Space>
        {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<Pairing>
          rowKey={(p) => `${p.userId}:${p.enterpriseId}`}
          size="middle"
          data-testid="liaison-table"
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }), onChange: (p, s) => { setPage(p); setPageSize(s); } }}
        />
      </Space>
      {adding && <PairDialog onClose={() => setAdding(false)} />}
    </Card>
  );
}
