import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { useCurrentUser } from '../../api/auth';
import { usePolicy, usePolicyFields, usePreview, usePreviewEnterprises, useSavePolicy, yuan, type Benefit, type PolicyCategory, type PolicyInput, type PolicyLevel, type RulePack } from '../../api/policies';
import type { ConditionResult, Rule } from '../../api/whitelist';
import { QueryError } from '../../components/QueryError';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useShowError } from '../../lib/errors';
import { describeRule, newCondition, RuleNode, ruleComplete } from '../whitelist/RuleBuilder';
import { BenefitEditor, RulePackEditor } from './BenefitEditor';
import { CategorySelect, LevelSelect } from './shared';

interface Basics {
  regionCode: string;
  title: string;
  issuingBody: string;
  level: PolicyLevel;
  documentNumber?: string;
  category: PolicyCategory;
  validity?: [Dayjs | null, Dayjs | null] | null;
  summary: string;
  fullText?: string;
  howToApply?: string;
  consultantName?: string;
  consultantContact?: string;
}

/** The policy editor: basics, the rule builder with its words, the benefit, and a try-it preview. */
export default function PolicyEditorPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const fields = usePolicyFields();
  const existing = usePolicy(id);
  const save = useSavePolicy();
  const preview = usePreview();
  const [form] = Form.useForm<Basics>();
  const [rule, setRule] = useState<Rule>({ all: [] });
  const [benefit, setBenefit] = useState<Benefit>({ kind: 'none' });
  const [subsidy, setSubsidy] = useState<RulePack | null>(null);
  const [entQ, setEntQ] = useState('');
  const [entId, setEntId] = useState<string>();
  const ents = usePreviewEnterprises(entQ);

  useEffect(() => {
    const p = existing.data;
    if (p) {
      form.setFieldsValue({
        regionCode: p.regionCode, title: p.title, issuingBody: p.issuingBody, level: p.level, documentNumber: p.documentNumber ?? undefined, category: p.category,
        validity: p.validFrom || p.validTo ? [p.validFrom ? dayjs(p.validFrom) : null, p.validTo ? dayjs(p.validTo) : null] : null,
        summary: p.summary, fullText: p.fullText ?? undefined, howToApply: p.howToApply ?? undefined, consultantName: p.consultantName ?? undefined, consultantContact: p.consultantContact ?? undefined,
      });
      setRule(p.rule);
      setBenefit(p.benefit);
      setSubsidy(p.subsidy ?? null);
    } else if (!id && fields.data) {
      setRule({ all: [newCondition(fields.data)] });
    }
  }, [existing.data, id, fields.data, form]);

  if (fields.error) return <QueryError error={fields.error} onRetry={() => void fields.refetch()} />;
  if (existing.error) return <QueryError error={existing.error} onRetry={() => void existing.refetch()} />;
  if (!fields.data || (id && !existing.data)) return <Spin />;
  const en = i18n.language === 'en-US';
  const complete = ruleComplete(rule);

  const onSave = (v: Basics) => {
    const body: PolicyInput = {
      regionCode: v.regionCode, title: v.title, issuingBody: v.issuingBody, level: v.level, documentNumber: v.documentNumber || null, category: v.category,
      validFrom: v.validity?.[0]?.format('YYYY-MM-DD') ?? null, validTo: v.validity?.[1]?.format('YYYY-MM-DD') ?? null, summary: v.summary, fullText: v.fullText || null,
      howToApply: v.howToApply || null, consultantName: v.consultantName || null, consultantContact: v.consultantContact || null, rule, benefit, subsidy,
    };
    save.mutate(
      { id, body },
      {
        onSuccess: (p) => {
          void message.success(t('pol.editor.saved'));
          void navigate(`/policies/${p.id}`);
        },
        onError: (e) => showError(e, form),
      },
    );
  };

  const cond = (r: ConditionResult) => (
    <Space>
      <Tag color={r.passed ? 'green' : 'red'}>{r.passed ? t('pol.editor.passed') : t('pol.editor.failed')}</Tag>
      {r.text}
    </Space>
  );

  return (
    <Form<Basics> form={form} layout="vertical" onFinish={onSave} initialValues={{ regionCode: me.regionCode, level: 'city', category: 'fiscal_subsidy' }}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Card title={id ? t('pol.editor.heading') : t('pol.editor.newHeading')} extra={<Button type="primary" htmlType="submit" loading={save.isPending} disabled={!complete} data-testid="pol-save">{t('pol.editor.saveDraft')}</Button>}>
          {existing.data?.status === 'published' && <Alert type="info" showIcon message={t('pol.detail.revisedNote')} style={{ marginBottom: 16 }} />}
          <Row gutter={16}>
            <Col span={12}><Form.Item name="title" label={t('pol.field.title')} rules={[{ required: true, message: t('common.required', { label: t('pol.field.title') }) }]}><Input maxLength={200} data-testid="pol-title" /></Form.Item></Col>
            <Col span={6}><Form.Item name="documentNumber" label={t('pol.field.documentNumber')}><Input maxLength={100} /></Form.Item></Col>
            <Col span={6}><Form.Item name="regionCode" label={t('pol.field.region')} rules={[{ required: true }]}><RegionTreeSelect allowClear={false} /></Form.Item></Col>
            <Col span={8}><Form.Item name="issuingBody" label={t('pol.field.issuingBody')} rules={[{ required: true, message: t('common.required', { label: t('pol.field.issuingBody') }) }]}><Input maxLength={100} data-testid="pol-issuer" /></Form.Item></Col>
            <Col span={4}><Form.Item name="level" label={t('pol.field.level')} rules={[{ required: true }]}><LevelSelect value={undefined} onChange={() => undefined} allowClear={false} /></Form.Item></Col>
            <Col span={5}><Form.Item name="category" label={t('pol.field.category')} rules={[{ required: true }]}><CategorySelect value={undefined} onChange={() => undefined} allowClear={false} /></Form.Item></Col>
            <Col span={7}><Form.Item name="validity" label={t('pol.field.validity')}><DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={24}><Form.Item name="summary" label={t('pol.field.summary')} rules={[{ required: true, message: t('common.required', { label: t('pol.field.summary') }) }]}><Input.TextArea rows={2} maxLength={2000} data-testid="pol-summary" /></Form.Item></Col>
            <Col span={12}><Form.Item name="howToApply" label={t('pol.field.howToApply')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item></Col>
            <Col span={6}><Form.Item name="consultantName" label={t('pol.field.consultantName')}><Input maxLength={50} /></Form.Item></Col>
            <Col span={6}><Form.Item name="consultantContact" label={t('pol.field.consultantContact')}><Input maxLength={100} /></Form.Item></Col>
            <Col span={24}><Form.Item name="fullText" label={t('pol.field.fullText')}><Input.TextArea rows={3} maxLength={50_000} /></Form.Item></Col>
          </Row>
        </Card>
        <Row gutter={16}>
          <Col span={14}>
            <Card title={t('pol.editor.ruleCard')} size="small">
              <RuleNode rule={rule} fields={fields.data} onChange={setRule} path="r" />
              <Typography.Paragraph style={{ marginTop: 12 }} data-testid="pol-rule-words">
                <Typography.Text type="secondary">{t('pol.editor.words')}</Typography.Text>
                {complete ? describeRule(rule, fields.data, en, t as (k: string) => string) : t('wl.criteria.emptyGroup')}
              </Typography.Paragraph>
            </Card>
            <Card title={t('pol.editor.benefitCard')} size="small" style={{ marginTop: 16 }}>
              <BenefitEditor value={benefit} onChange={setBenefit} fields={fields.data} />
            </Card>
            <Card title={t('pol.editor.subsidy')} size="small" style={{ marginTop: 16 }}>
              <RulePackEditor value={subsidy} onChange={setSubsidy} />
            </Card>
          </Col>
          <Col span={10}>
            <Card title={t('pol.editor.previewCard')} size="small">
              <Space.Compact style={{ width: '100%' }}>
                <Select
                  showSearch
                  filterOption={false}
                  style={{ width: '100%' }}
                  placeholder={t('pol.editor.pickEnterprise')}
                  onSearch={setEntQ}
                  value={entId}
                  onChange={setEntId}
                  options={(ents.data ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.uscc}）` }))}
                  data-testid="pol-preview-ent"
                />
                <Button type="primary" disabled={!entId || !complete} loading={preview.isPending} onClick={() => entId && preview.mutate({ enterpriseId: entId, rule, benefit }, { onError: (e) => showError(e) })} data-testid="pol-preview">
                  {t('pol.editor.tryIt')}
                </Button>
              </Space.Compact>
              {preview.data && (
                <div style={{ marginTop: 12 }} data-testid="pol-preview-result">
                  <Alert type={preview.data.evaluation.passed ? 'success' : 'warning'} showIcon message={`${preview.data.enterprise.name}：${preview.data.evaluation.passed ? t('pol.editor.passed') : t('pol.editor.failed')}${preview.data.benefitFen !== null ? ` · ${yuan(preview.data.benefitFen)}元` : ''}`} />
                  <Table<ConditionResult>
                    rowKey="path"
                    size="small"
                    pagination={false}
                    style={{ marginTop: 8 }}
                    dataSource={preview.data.evaluation.conditions}
                    columns={[
                      { title: t('pol.field.rule'), key: 'text', render: (_, r) => cond(r) },
                      { title: t('pol.editor.actual'), dataIndex: 'actual', width: 110, render: (v: unknown) => (v === null ? '—' : typeof v === 'boolean' ? (v ? t('common.yes') : t('common.no')) : String(v)) },
                    ]}
                  />
                </div>
              )}
            </Card>
          </Col>
        </Row>
      </Space>
    </Form>
  );
}
