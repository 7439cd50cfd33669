import { useEffect } from 'react';
import { App, Button, Card, Col, Divider, Form, InputNumber, Popconfirm, Row, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/auth';
import { URGENCIES } from '../../api/demands';
import { useDemandSettings, useSaveDemandSettings, type DemandRules, type Duration } from '../../api/demandAdmin';
import { FullPageSpin } from '../../components/FullPageSpin';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';

type Unit = 'hours' | 'workingDays';
/** One clock: a number of hours or of working days. */
function DurationInput({ value, onChange, testId }: { value?: Duration; onChange?: (d: Duration) => void; testId: string }) {
  const { t } = useTranslation();
  const unit: Unit = value?.workingDays !== undefined ? 'workingDays' : 'hours';
  const n = value?.workingDays ?? value?.hours ?? null;
  const set = (u: Unit, v: number | null) => onChange?.(u === 'hours' ? { hours: v ?? 0 } : { workingDays: v ?? 0 });
  return (
    <Space.Compact>
      <InputNumber min={0} max={unit === 'hours' ? 720 : 60} {...(unit === 'workingDays' ? { precision: 0 } : { step: 0.5 })} value={n} onChange={(v) => set(unit, v)} style={{ width: 110 }} data-testid={testId} />
      <Select<Unit> value={unit} onChange={(u) => set(u, n)} style={{ width: 110 }} options={[{ value: 'hours', label: t('demandAdmin.settings.hours') }, { value: 'workingDays', label: t('demandAdmin.settings.workingDays') }]} />
    </Space.Compact>
  );
}

const ANSWER_KINDS = ['urgent', 'normal', 'complex'] as const;
interface Values {
  autoEscalate: boolean;
  rules: Omit<DemandRules, 'warnAt' | 'duplicateSimilarity' | 'commonSimilarity'> & { warnAt: number; duplicateSimilarity: number; commonSimilarity: number };
}
/** Shares are shown as percentages. */
const toForm = (autoEscalate: boolean, r: DemandRules): Values => ({ autoEscalate, rules: { ...r, warnAt: Math.round(r.warnAt * 100), duplicateSimilarity: Math.round(r.duplicateSimilarity * 100), commonSimilarity: Math.round(r.commonSimilarity * 100) } });
const fromForm = (v: Values): { autoEscalate: boolean; rules: DemandRules } => ({ autoEscalate: v.autoEscalate, rules: { ...v.rules, warnAt: v.rules.warnAt / 100, duplicateSimilarity: v.rules.duplicateSimilarity / 100, commonSimilarity: v.rules.commonSimilarity / 100 } });

/** A command's demand clocks: time to dispatch and answer, the warning lead and automatic escalation. */
export default function DemandSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const me = useCurrentUser();
  const q = useDemandSettings();
  const save = useSaveDemandSettings();
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    if (q.data) form.setFieldsValue(toForm(q.data.autoEscalate, q.data.rules));
  }, [q.data, form]);
  if (q.isLoading) return <FullPageSpin />;
  if (q.error || !q.data) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data.defaults;
  const dur = (x: Duration) => (x.workingDays !== undefined ? `${x.workingDays} ${t('demandAdmin.settings.workingDays')}` : `${x.hours ?? 0} ${t('demandAdmin.settings.hours')}`);
  const submit = (v: { autoEscalate: boolean; rules: DemandRules }) => save.mutate(v, { onSuccess: () => void message.success(t('demandAdmin.settings.saved')), onError: (e) => showError(e, form) });
  return (
    <Card data-testid="demand-settings-page" title={t('demandAdmin.settings.title')} style={{ maxWidth: 980 }}>
      <Typography.Paragraph type="secondary">{t('demandAdmin.settings.intro')}</Typography.Paragraph>
      <Typography.Paragraph>{t('demandAdmin.settings.region')}：{me.regionName}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => submit(fromForm(v))}>
        <Form.Item name="autoEscalate" label={t('demandAdmin.settings.autoEscalate')} valuePropName="checked">
          <Switch data-testid="settings-auto-escalate" />
        </Form.Item>
        <Divider titlePlacement="start">{t('demandAdmin.settings.dispatch')}</Divider>
        <Row gutter={16}>
          {URGENCIES.map((u) => (
            <Col key={u} xs={24} md={8}>
              <Form.Item name={['rules', 'dispatch', u]} label={t(`demandAdmin.settings.urgency.${u}`)} extra={t('demandAdmin.settings.defaultIs', { value: dur(d.dispatch[u]) })}>
                <DurationInput testId={`settings-dispatch-${u}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Divider titlePlacement="start">{t('demandAdmin.settings.answer')}</Divider>
        <Row gutter={16}>
          {ANSWER_KINDS.map((k) => (
            <Col key={k} xs={24} md={8}>
              <Form.Item name={['rules', 'answer', k]} label={t(`demandAdmin.settings.kinds.${k}`)} extra={t('demandAdmin.settings.defaultIs', { value: dur(d.answer[k]) })}>
                <DurationInput testId={`settings-answer-${k}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Divider />
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name={['rules', 'warnAt']} label={t('demandAdmin.settings.warnAt')} extra={`${t('demandAdmin.settings.warnAtHelp')}；${t('demandAdmin.settings.defaultIs', { value: `${Math.round(d.warnAt * 100)}%` })}`} rules={[{ required: true }]}>
              <InputNumber min={10} max={99} suffix="%" style={{ width: 140 }} data-testid="settings-warn-at" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['rules', 'duplicateWindowDays']} label={`${t('demandAdmin.settings.duplicate')} · ${t('demandAdmin.settings.duplicateWindowDays')}`} extra={t('demandAdmin.settings.defaultIs', { value: d.duplicateWindowDays })} rules={[{ required: true }]}>
              <InputNumber min={1} max={365} precision={0} style={{ width: 140 }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['rules', 'duplicateSimilarity']} label={`${t('demandAdmin.settings.duplicate')} · ${t('demandAdmin.settings.duplicateSimilarity')}`} extra={t('demandAdmin.settings.defaultIs', { value: `${Math.round(d.duplicateSimilarity * 100)}%` })} rules={[{ required: true }]}>
              <InputNumber min={10} max={100} suffix="%" style={{ width: 140 }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['rules', 'commonSimilarity']} label={t('demandAdmin.settings.commonSimilarity')} extra={t('demandAdmin.settings.defaultIs', { value: `${Math.round(d.commonSimilarity * 100)}%` })} rules={[{ required: true }]}>
              <InputNumber min={5} max={100} suffix="%" style={{ width: 140 }} />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">{t('demandAdmin.settings.save')}</Button>
          <Popconfirm title={t('demandAdmin.settings.resetConfirm')} onConfirm={() => submit({ autoEscalate: false, rules: d })}>
            <Button data-testid="settings-reset">{t('demandAdmin.settings.reset')}</Button>
          </Popconfirm>
        </Space>
      </Form>
    </Card>
  );
}
