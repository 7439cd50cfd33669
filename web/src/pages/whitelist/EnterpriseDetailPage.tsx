import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Radio, Select, Space, Spin, Table, Tabs, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { SERVICE_TIERS, useAddSpotCheck, useAdjust, useEnterpriseDetail, useSetTier, type ServiceTier, type SpotCheck } from '../../api/whitelist';
import { TaxStatusModal } from './TaxStatusModal';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';
import { EnterpriseDescriptions, VersionTable } from '../enterprise/ProfilePage';
import { ConditionResults, HistoryTimeline } from './shared';

type Adjust = 'remove' | 'suspend' | 'resume' | 'readmit';

function AdjustModal({ id, action, onClose }: { id: string; action: Adjust; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string; evidence?: string; decision?: string }>();
  const adjust = useAdjust();
  const showError = useShowError();
  const { message } = App.useApp();
  const remove = action === 'remove';
  const run = () =>
    form.validateFields().then((v) =>
      adjust.mutate(
        { id, action, body: { reason: v.reason, evidence: v.evidence ?? null, decision: v.decision ?? null } },
        { onSuccess: () => { void message.success(t('wl.detail.done')); onClose(); }, onError: (err) => showError(err, form) },
      ),
    );
  const req = (label: string) => [{ required: true, whitespace: true, message: t('common.required', { label }) }];
  return (
    <Modal
      open
      title={t(`wl.detail.${action}`)}
      onCancel={onClose}
      footer={[
        <Button key="c" onClick={onClose}>{t('common.cancel')}</Button>,
        remove ? (
          <Popconfirm key="ok" title={t('wl.detail.removeConfirm')} onConfirm={run} okButtonProps={{ danger: true, ...({ 'data-testid': 'adjust-confirm' } as Record<string, string>) }}>
            <Button danger type="primary" loading={adjust.isPending} data-testid="adjust-submit">{t('wl.detail.remove')}</Button>
          </Popconfirm>
        ) : (
          <Button key="ok" type="primary" onClick={run} loading={adjust.isPending} data-testid="adjust-submit">{t('common.confirm')}</Button>
        ),
      ]}
    >
      <Form form={form} layout="vertical" data-testid="adjust-form">
        <Form.Item name="reason" label={t('wl.detail.reason')} rules={req(t('wl.detail.reason'))}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="adjust-reason" />
        </Form.Item>
        {remove && (
          <>
            <Form.Item name="evidence" label={t('wl.detail.evidence')} rules={req(t('wl.detail.evidence'))}>
              <Input.TextArea rows={3} maxLength={4000} data-testid="adjust-evidence" />
            </Form.Item>
            <Form.Item name="decision" label={t('wl.detail.decision')} rules={req(t('wl.detail.decision'))}>
              <Input maxLength={2000} data-testid="adjust-decision" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

function SpotCheckModal({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ checkedOn: Dayjs; checker: string; findings: string; passed: boolean }>();
  const add = useAddSpotCheck();
  const showError = useShowError();
  const { message } = App.useApp();
  return (
    <Modal open title={t('wl.detail.addSpotCheck')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={add.isPending} okButtonProps={{ 'data-testid': 'spot-submit' }}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ passed: true, checkedOn: dayjs() }}
        onFinish={(v) =>
          add.mutate(
            { id, body: { checkedOn: v.checkedOn.format('YYYY-MM-DD'), checker: v.checker, findings: v.findings, passed: v.passed } },
            { onSuccess: () => { void message.success(t('wl.detail.spotCheckSaved')); onClose(); }, onError: (err) => showError(err, form) },
          )
        }
      >
        <Form.Item name="checkedOn" label={t('wl.detail.checkedOn')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('wl.detail.checkedOn') }) }]}>
          <DatePicker data-testid="spot-date" />
        </Form.Item>
        <Form.Item name="checker" label={t('wl.detail.checker')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('wl.detail.checker') }) }]}>
          <Input maxLength={100} data-testid="spot-checker" />
        </Form.Item>
        <Form.Item name="findings" label={t('wl.detail.findings')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('wl.detail.findings') }) }]}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="spot-findings" />
        </Form.Item>
        <Form.Item name="passed" label={t('wl.detail.checkPassed')}>
          <Radio.Group options={[{ value: true, label: t('wl.detail.passedYes') }, { value: false, label: t('wl.detail.passedNo') }]} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function EnterpriseDetailPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const detail = useEnterpriseDetail(id);
  const setTier = useSetTier();
  const showError = useShowError();
  const { message } = App.useApp();
  const [adjust, setAdjust] = useState<Adjust | null>(null);
  const [spot, setSpot] = useState(false);
  const [tax, setTax] = useState(false);
  if (detail.error) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Spin />;
  const { enterprise: e, application, history, spotChecks, links, versions } = detail.data;
  const can = (a: string) => e.actions.includes(a);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="wl-detail-page">
      <Card
        title={<span data-testid="wl-detail-name">{e.name}</span>}
        extra={
          <Space wrap>
            <Link to="/whitelist">{t('wl.common.back')}</Link>
            {can('set_tier') && (
              <Select<ServiceTier | 'none'>
                size="middle"
                style={{ width: 130 }}
                value={e.serviceTier ?? 'none'}
                loading={setTier.isPending}
                onChange={(v) => setTier.mutate({ id: e.id, serviceTier: v === 'none' ? null : v }, { onSuccess: () => void message.success(t('wl.detail.tierSaved')), onError: (err) => showError(err) })}
                options={[{ value: 'none', label: t('wl.common.tierNone') }, ...SERVICE_TIERS.map((s) => ({ value: s, label: t(`wl.tier.${s}`) }))]}
                data-testid="detail-tier"
                title={t('wl.detail.setTier')}
              />
            )}
            {can('set_tax_status') && <Button onClick={() => setTax(true)} data-testid="detail-tax-status">{t('wl.detail.setTaxStatus')}</Button>}
            {can('spot_check') && <Button onClick={() => setSpot(true)} data-testid="detail-spot-check">{t('wl.detail.addSpotCheck')}</Button>}
            {can('suspend') && <Button onClick={() => setAdjust('suspend')} data-testid="detail-suspend">{t('wl.detail.suspend')}</Button>}
            {can('resume') && <Button onClick={() => setAdjust('resume')} data-testid="detail-resume">{t('wl.detail.resume')}</Button>}
            {can('readmit') && <Button onClick={() => setAdjust('readmit')} data-testid="detail-readmit">{t('wl.detail.readmit')}</Button>}
            {can('remove') && <Button danger onClick={() => setAdjust('remove')} data-testid="detail-remove">{t('wl.detail.remove')}</Button>}
          </Space>
        }
      >
        <EnterpriseDescriptions e={e} />
      </Card>
      <Card>
        <Tabs
          items={[
            { key: 'history', label: t('wl.detail.history'), children: <HistoryTimeline history={history} testId="detail-history" /> },
            {
              key: 'check',
              label: t('wl.field.check'),
              children: application?.checkResult ? <ConditionResults evaluation={application.checkResult} testId="detail-conditions" /> : t('common.none'),
            },
            {
              key: 'spot',
              label: `${t('wl.detail.spotChecks')} (${spotChecks.length})`,
              children: (
                <Table<SpotCheck>
                  size="small"
                  rowKey="id"
                  data-testid="detail-spot-checks"
                  dataSource={spotChecks}
                  pagination={false}
                  columns={[
                    { title: t('wl.detail.checkedOn'), dataIndex: 'checkedOn', width: 120 },
                    { title: t('wl.detail.checker'), dataIndex: 'checker', width: 200 },
                    { title: t('wl.detail.findings'), dataIndex: 'findings' },
                    { title: t('wl.detail.checkPassed'), dataIndex: 'passed', width: 90, render: (p: boolean) => <Tag color={p ? 'green' : 'red'}>{p ? t('wl.detail.passedYes') : t('wl.detail.passedNo')}</Tag> },
                  ]}
                />
              ),
            },
            {
              key: 'links',
              label: `${t('wl.detail.links')} (${links.length})`,
              children: (
                <Table
                  size="small"
                  rowKey="id"
                  dataSource={links}
                  pagination={false}
                  columns={[
                    { title: t('wl.links.direction'), dataIndex: 'direction', width: 90, render: (d: string) => (d === 'upstream' ? t('wl.links.upstream') : t('wl.links.downstream')) },
                    { title: t('wl.links.partnerName'), dataIndex: 'partnerName' },
                    { title: t('wl.links.partnerUscc'), dataIndex: 'partnerUscc', width: 200 },
                    { title: t('wl.links.partnerListed'), dataIndex: 'partnerListed', width: 140, render: (b: boolean) => (b ? t('wl.common.yes') : t('wl.common.no')) },
                  ]}
                />
              ),
            },
            {
              key: 'versions',
              label: t('wl.detail.versions'),
              children: <VersionTable rows={versions.map((v) => ({ version: v.version, at: v.at, by: v.changedBy, changes: (v.changes ?? {}) as Record<string, { from: unknown; to: unknown }> }))} />,
            },
          ]}
        />
      </Card>
      {adjust && <AdjustModal id={e.id} action={adjust} onClose={() => setAdjust(null)} />}
      {spot && <SpotCheckModal id={e.id} onClose={() => setSpot(false)} />}
      {tax && <TaxStatusModal e={e} onClose={() => setTax(false)} />}
    </Space>
  );
}
