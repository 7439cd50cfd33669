import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Modal, Popconfirm, Space, Table, Tooltip, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { exportPayerTotals, fenFromYuan, invoiceUrl, useAttachInvoice, useClaims, useDecideClaim, useFileClaim, useMyClaims, usePayerTotals, useQuote, yuan, type Claim, type ClaimStatus, type InvoiceFile, type PayerRow, type Quote } from '../../api/policies';
import { QueryError } from '../../components/QueryError';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import { ClaimStatusSelect, ClaimTag } from './shared';

function useClaimColumns(): TableColumnsType<Claim> {
  const { t } = useTranslation();
  return [
    { title: t('pol.field.enterprise'), dataIndex: 'enterpriseName' },
    { title: t('pol.field.region'), dataIndex: 'regionName', width: 90 },
    { title: t('pol.claims.invoiceNumber'), dataIndex: 'invoiceNumber', width: 130 },
    { title: t('pol.claims.invoiceDate'), dataIndex: 'invoiceDate', width: 110 },
    { title: t('pol.claims.priceYuan'), dataIndex: 'priceFen', width: 130, align: 'right', render: (f: number) => yuan(f) },
    { title: t('pol.claims.subsidyYuan'), dataIndex: 'subsidyFen', width: 130, align: 'right', render: (f: number) => yuan(f) },
    { title: t('pol.claims.provinceYuan'), dataIndex: 'provinceFen', width: 130, align: 'right', render: (f: number) => yuan(f) },
    { title: t('pol.claims.localYuan'), dataIndex: 'localFen', width: 130, align: 'right', render: (f: number) => yuan(f) },
    { title: t('pol.field.status'), dataIndex: 'status', width: 110, render: (s: ClaimStatus) => <ClaimTag status={s} /> },
    { title: t('pol.claims.note'), dataIndex: 'decisionNote', width: 160, render: (v: string | null) => v ?? '—' },
    { title: t('pol.claims.invoiceFile'), key: 'invoices', width: 180, render: (_, c) => <InvoiceLinks claim={c} /> },
  ];
}

/** The invoice files of a claim, each opening in a new tab (the server checks who may see it). */
function InvoiceLinks({ claim }: { claim: Claim }) {
  const { t } = useTranslation();
  // A claim awaiting review cannot be approved without its invoice: say so where it is missing.
  if (!claim.invoices.length) return claim.status === 'submitted' ? <Typography.Text type="warning" data-testid="pol-invoice-missing">{t('pol.claims.noInvoice')}</Typography.Text> : <>—</>;
  return (
    <Space direction="vertical" size={0}>
      {claim.invoices.map((f: InvoiceFile) => (
        <Typography.Link key={f.id} href={invoiceUrl(claim.id, f.id)} target="_blank" rel="noopener" data-testid="pol-invoice-link">
          <PaperClipOutlined /> {f.name}
        </Typography.Link>
      ))}
    </Space>
  );
}

/** Why the server refuses a decision for now (its error id), in words. */
function blockedReason(t: TFunction, code: string): string {
  switch (code) {
    case 'policies.booth_invoice_missing':
      return t('pol.claims.invoiceMissing');
    default:
      return code;
  }
}

/** PDF or an image of the invoice, as the server accepts. */
const INVOICE_ACCEPT = '.pdf,application/pdf,image/png,image/jpeg,image/gif,image/webp,image/bmp,image/tiff';

function QuoteView({ quote }: { quote: Quote }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" bordered column={3} data-testid="pol-quote">
      <Descriptions.Item label={t('pol.claims.subsidyYuan')}>{yuan(quote.subsidyFen)}</Descriptions.Item>
      <Descriptions.Item label={t('pol.claims.provinceYuan')}>{yuan(quote.provinceFen)}</Descriptions.Item>
      <Descriptions.Item label={t('pol.claims.localYuan')}>{yuan(quote.localFen)}</Descriptions.Item>
    </Descriptions>
  );
}

interface ClaimForm {
  invoiceNumber: string;
  invoiceDate: Dayjs;
  supplier: string;
  priceYuan: number;
  invoice?: File[];
}

/** The enterprise files its sampling-booth purchase and sees both shares before it submits. */
export function MyClaimsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<ClaimForm>();
  const price = Form.useWatch('priceYuan', form);
  const quote = useQuote(typeof price === 'number' && price > 0 ? fenFromYuan(price) : null);
  const list = useMyClaims();
  const file = useFileClaim();
  const attach = useAttachInvoice();
  const columns: TableColumnsType<Claim> = [
    ...useClaimColumns().filter((c) => c.title !== t('pol.field.enterprise') && c.title !== t('pol.field.region')),
    {
      title: t('pol.claims.attach'),
      key: 'attach',
      width: 120,
      render: (_, c) =>
        c.status === 'submitted' ? (
          <Upload accept={INVOICE_ACCEPT} showUploadList={false} beforeUpload={(f) => { attach.mutate({ claimId: c.id, file: f }, { onSuccess: () => void message.success(t('common.saved')), onError: (e) => showError(e) }); return false; }}>
            <Button size="small" icon={<UploadOutlined />} loading={attach.isPending}>{t('pol.claims.attach')}</Button>
          </Upload>
        ) : null,
    },
  ];
  const pack = quote.data?.rulePack;
  const onFinish = (v: ClaimForm) =>
    void modal.confirm({
      title: t('pol.claims.confirmFile'),
      onOk: () =>
        file
          .mutateAsync({ invoiceNumber: v.invoiceNumber, invoiceDate: v.invoiceDate.format('YYYY-MM-DD'), supplier: v.supplier, priceFen: fenFromYuan(v.priceYuan) })
          // The invoice goes to the claim just filed; a failed upload can be retried from the list.
          .then(async (claim) => {
            const invoice = v.invoice?.[0];
            if (invoice) await attach.mutateAsync({ claimId: claim.id, file: invoice });
          })
          .then(
            () => { void message.success(t('pol.claims.filed')); form.resetFields(); },
            (e: unknown) => showError(e, form),
          ),
    });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t('pol.claims.file')}>
        {pack && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('pol.claims.quoteHint', { share: pack.shareBp / 100, p: pack.provinceParts, l: pack.localParts })} />}
        <Form<ClaimForm> form={form} layout="inline" onFinish={onFinish}>
          <Form.Item name="invoiceNumber" label={t('pol.claims.invoiceNumber')} rules={[{ required: true, whitespace: true }]}><Input maxLength={50} /></Form.Item>
          <Form.Item name="invoiceDate" label={t('pol.claims.invoiceDate')} rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item name="supplier" label={t('pol.claims.supplier')} rules={[{ required: true, whitespace: true }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="priceYuan" label={t('pol.claims.priceYuan')} rules={[{ required: true }]}><InputNumber min={0.01} precision={2} style={{ width: 180 }} data-testid="pol-claim-price" /></Form.Item>
          <Form.Item name="invoice" label={t('pol.claims.invoiceFile')} valuePropName="fileList" getValueFromEvent={(e: { fileList: { originFileObj?: File }[] }) => e.fileList.map((f) => f.originFileObj ?? (f as unknown as File)).slice(-1)} rules={[{ required: true, message: t('pol.claims.invoiceRequired') }]}>
            <Upload accept={INVOICE_ACCEPT} maxCount={1} beforeUpload={() => false} data-testid="pol-claim-invoice">
              <Button icon={<UploadOutlined />}>{t('pol.claims.chooseInvoice')}</Button>
            </Upload>
          </Form.Item>
          <Form.Item><Button type="primary" htmlType="submit" loading={file.isPending || attach.isPending}>{t('pol.claims.file')}</Button></Form.Item>
        </Form>
        {quote.data && <div style={{ marginTop: 16 }}><QuoteView quote={quote.data} /></div>}
      </Card>
      <Card title={t('pol.claims.myHeading')}>
        {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : <Table<Claim> rowKey="id" loading={list.isFetching} columns={columns} dataSource={list.data ?? []} pagination={false} />}
      </Card>
    </Space>
  );
}

/** The department reviews claims and sees what each payer owes. */
export default function ClaimsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [status, setStatus] = useState<ClaimStatus | undefined>('submitted');
  const [regionCode, setRegionCode] = useState<string>();
  const [page, setPage] = useState(1);
  const [rejecting, setRejecting] = useState<Claim | null>(null);
  const [note, setNote] = useState('');
  const [exporting, setExporting] = useState(false);
  const list = useClaims({ status, regionCode, page, pageSize: 20 });
  const totals = usePayerTotals(regionCode);
  const decide = useDecideClaim();
  const columns: TableColumnsType<Claim> = [
    ...useClaimColumns(),
    { title: t('pol.field.updatedAt'), dataIndex: 'createdAt', width: 160, render: (v: string) => formatTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 160,
      render: (_, c) => (
        <Space size={4}>
          {c.actions.includes('approve') && (
            <Popconfirm title={`${t('pol.claims.approve')}？`} onConfirm={() => decide.mutate({ id: c.id, action: 'approve' }, { onSuccess: () => void message.success(t('common.saved')), onError: (e) => showError(e) })}>
              <Button size="small" type="primary">{t('pol.claims.approve')}</Button>
            </Popconfirm>
          )}
          {c.blocked.filter((b) => b.action === 'approve').map((b) => (
            <Tooltip key={b.code} title={blockedReason(t, b.code)}>
              <Button size="small" type="primary" disabled data-testid="pol-claim-approve-blocked">{t('pol.claims.approve')}</Button>
            </Tooltip>
          ))}
          {c.actions.includes('reject') && <Button size="small" danger onClick={() => { setNote(''); setRejecting(c); }}>{t('pol.claims.reject')}</Button>}
        </Space>
      ),
    },
  ];
  const totalColumns: TableColumnsType<PayerRow> = [
    { title: t('pol.field.region'), dataIndex: 'regionName' },
    { title: t('pol.claims.claims'), dataIndex: 'claims', width: 80, align: 'right' },
    { title: t('pol.claims.priceYuan'), dataIndex: 'priceFen', align: 'right', render: (f: number) => yuan(f) },
    { title: t('pol.claims.subsidyYuan'), dataIndex: 'subsidyFen', align: 'right', render: (f: number) => yuan(f) },
    { title: t('pol.claims.provinceYuan'), dataIndex: 'provinceFen', align: 'right', render: (f: number) => yuan(f) },
    { title: t('pol.claims.localYuan'), dataIndex: 'localFen', align: 'right', render: (f: number) => yuan(f) },
  ];
  const onExport = () => {
    setExporting(true);
    exportPayerTotals(regionCode)
      .then((name) => void message.success(t('common.exported', { name })))
      .catch((e: unknown) => showError(e))
      .finally(() => setExporting(false));
  };
  const sum = totals.data?.total;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t('pol.claims.heading')}>
        <Flex gap={8} style={{ marginBottom: 16 }}>
          <ClaimStatusSelect value={status} onChange={(s) => { setStatus(s); setPage(1); }} />
          <RegionTreeSelect placeholder={t('pol.field.region')} value={regionCode} onChange={(c) => { setRegionCode(c); setPage(1); }} style={{ width: 220 }} />
        </Flex>
        {list.error ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Claim> rowKey="id" size="middle" loading={list.isFetching} columns={columns} dataSource={list.data?.items ?? []} pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { total }), onChange: setPage }} />
        )}
      </Card>
      <Card title={t('pol.claims.totals')} extra={<Button icon={<DownloadOutlined />} loading={exporting} onClick={onExport}>{t('common.exportExcel')}</Button>}>
        {totals.error ? (
          <QueryError error={totals.error} onRetry={() => void totals.refetch()} />
        ) : (
          <Table<PayerRow>
            rowKey="regionCode"
            size="small"
            columns={totalColumns}
            dataSource={totals.data?.rows ?? []}
            pagination={false}
            summary={() =>
              sum && (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}><Typography.Text strong>{t('pol.claims.total')}</Typography.Text></Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">{sum.claims}</Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">{yuan(sum.priceFen)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">{yuan(sum.subsidyFen)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">{yuan(sum.provinceFen)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">{yuan(sum.localFen)}</Table.Summary.Cell>
                </Table.Summary.Row>
              )
            }
          />
        )}
      </Card>
      <Modal
        open={rejecting !== null}
        title={`${t('pol.claims.reject')}：${rejecting?.enterpriseName ?? ''}`}
        onCancel={() => setRejecting(null)}
        okButtonProps={{ disabled: !note.trim(), danger: true }}
        confirmLoading={decide.isPending}
        onOk={() => rejecting && decide.mutate({ id: rejecting.id, action: 'reject', note: note.trim() }, { onSuccess: () => setRejecting(null), onError: (e) => showError(e) })}
      >
        <Input.TextArea rows={3} maxLength={500} placeholder={t('pol.claims.note')} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </Space>
  );
}
