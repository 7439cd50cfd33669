import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Form, Input, InputNumber, Popconfirm, Row, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/auth';
import { useDeclareEmergency, useEmergencyRegions, useEndEmergency, useRules, useSaveRules, type EmergencyRegion, type RulePack } from '../../api/prevention';
import { QueryError } from '../../components/QueryError';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import { RetentionCard } from './RetentionCard';

const FIELDS: (keyof RulePack)[] = ['testIntervalHours', 'mobileContactIntervalHours', 'citySupplyIntervalHours', 'emergencyClosedLoopIntervalHours', 'dueSoonHours', 'arrivalTestHours', 'centralQuarantineDays', 'retestHours', 'retentionDays', 'contactWindowMinutes', 'dailyReportDeadlineHour', 'lateReportDays', 'quietPeriodDays', 'rosterGraceDays'];

export default function RulesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canEdit = me.permissions.includes('prevention.admin');
  const rules = useRules();
  const save = useSaveRules();
  const emergency = useEmergencyRegions();
  const declare = useDeclareEmergency();
  const end = useEndEmergency();
  const showError = useShowError();
  const { message } = App.useApp();
  const [form] = Form.useForm<RulePack>();
  const [region, setRegion] = useState<string | undefined>();
  const [note, setNote] = useState('');
  useEffect(() => {
    if (rules.data) form.setFieldsValue(rules.data.rules);
  }, [rules.data, form]);
  if (rules.error && !rules.data) return <QueryError error={rules.error} onRetry={() => void rules.refetch()} />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="prevention-rules-page">
      <Card title={t('prev.rules.title')} loading={rules.isLoading}>
        <Typography.Paragraph type="secondary">{t('prev.rules.intro')}</Typography.Paragraph>
        <Form form={form} layout="vertical" disabled={!canEdit} onFinish={(v) => save.mutate(v, { onSuccess: () => void message.success(t('common.saved')), onError: (err) => showError(err, form) })}>
          <Row gutter={24}>
            {FIELDS.map((f) => (
              <Col span={8} key={f}>
                <Form.Item name={f} label={f === 'quietPeriodDays' || f === 'rosterGraceDays' ? t(`prevCare.retention.${f}`) : t(`prev.rules.${f}`)} rules={[{ required: true }]}>
                  <InputNumber min={f === 'dueSoonHours' || f === 'centralQuarantineDays' || f === 'quietPeriodDays' || f === 'rosterGraceDays' || f === 'lateReportDays' ? 0 : 1} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          {canEdit && (
            <Space>
              <Button type="primary" htmlType="submit" loading={save.isPending}>{t('common.save')}</Button>
              <Button onClick={() => rules.data && form.setFieldsValue(rules.data.defaults)}>{t('prev.rules.reset')}</Button>
            </Space>
          )}
        </Form>
      </Card>
      <Card title={t('prev.rules.emergency')}>
        <Typography.Paragraph type="secondary">{t('prev.rules.emergencyIntro')}</Typography.Paragraph>
        {canEdit && (
          <Space wrap style={{ marginBottom: 16 }}>
            <RegionTreeSelect value={region} onChange={setRegion} placeholder={t('prev.field.region')} style={{ width: 200 }} />
            <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('prev.rules.note')} maxLength={500} style={{ width: 280 }} />
            <Popconfirm title={t('prev.rules.declare')} disabled={!region} onConfirm={() => region && declare.mutate({ regionCode: region, note: note.trim() || null }, { onSuccess: () => { setRegion(undefined); setNote(''); }, onError: (err) => showError(err) })}>
              <Button danger disabled={!region} loading={declare.isPending}>{t('prev.rules.declare')}</Button>
            </Popconfirm>
          </Space>
        )}
        <Table<EmergencyRegion>
          rowKey="regionCode" size="small" dataSource={emergency.data ?? []} loading={emergency.isFetching} pagination={false}
          columns={[
            { title: t('prev.field.region'), dataIndex: 'regionName' },
            { title: t('prev.rules.since'), dataIndex: 'since', render: formatTime },
            { title: t('prev.rules.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
            ...(canEdit ? [{ title: t('common.actions'), key: 'a', width: 100, render: (_: unknown, r: EmergencyRegion) => <Popconfirm title={t('prev.rules.endConfirm')} onConfirm={() => end.mutate(r.regionCode, { onError: (err) => showError(err) })}><Button size="small">{t('prev.rules.end')}</Button></Popconfirm> }] : []),
          ]}
        />
      </Card>
      <RetentionCard />
    </Space>
  );
}
