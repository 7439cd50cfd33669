import { Alert, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fenFromYuan, type Benefit, type RulePack } from '../../api/policies';
import type { FieldDef } from '../../api/whitelist';

type Kind = Benefit['kind'];

/** A formula the editor can show: field × amount per unit (the usual shape of a per-head subsidy). */
function simpleFormula(b: Benefit): { field: string; factorFen: number } | null {
  if (b.kind !== 'formula' || !('op' in b.expr) || b.expr.op !== 'mul' || b.expr.args.length !== 2) return null;
  const [a, c] = b.expr.args;
  return a && c && 'field' in a && 'const' in c ? { field: a.field, factorFen: c.const } : null;
}

export function BenefitEditor({ value, onChange, fields }: { value: Benefit; onChange: (b: Benefit) => void; fields: FieldDef[] }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const numberFields = fields.filter((f) => f.type === 'number').map((f) => ({ value: f.name, label: en ? f.label.en : f.label.zh }));
  const setKind = (kind: Kind) => {
    const text = value.text;
    if (kind === 'none') onChange({ kind, text });
    if (kind === 'amount') onChange({ kind, amountFen: 0, text });
    if (kind === 'rate') onChange({ kind, rateBp: 0, text });
    if (kind === 'formula') onChange({ kind, expr: { op: 'mul', args: [{ field: 'employees' }, { const: 0 }] }, text });
  };
  const simple = simpleFormula(value);
  const setText = (text: string) => onChange({ ...value, text: text || undefined } as Benefit);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select<Kind> style={{ width: 240 }} value={value.kind} onChange={setKind} options={(['none', 'amount', 'rate', 'formula'] as const).map((k) => ({ value: k, label: t(`pol.editor.benefitKind.${k}`) }))} data-testid="pol-benefit-kind" />
      {value.kind === 'amount' && (
        <Space>
          {t('pol.editor.amountYuan')}
          <InputNumber min={0} precision={2} style={{ width: 200 }} value={value.amountFen / 100} onChange={(v) => onChange({ ...value, amountFen: fenFromYuan(v ?? 0) })} data-testid="pol-benefit-amount" />
        </Space>
      )}
      {value.kind === 'rate' && (
        <Space>
          {t('pol.editor.rateBp')}
          <InputNumber min={0} max={10_000} precision={0} value={value.rateBp} onChange={(v) => onChange({ ...value, rateBp: v ?? 0 })} />
          <Typography.Text type="secondary">= {(value.rateBp / 100).toFixed(2)}%</Typography.Text>
        </Space>
      )}
      {value.kind === 'formula' && simple && (
        <Space wrap>
          <Select style={{ width: 200 }} value={simple.field} options={numberFields} onChange={(field: string) => onChange({ ...value, expr: { op: 'mul', args: [{ field }, { const: simple.factorFen }] } })} />
          × {t('pol.editor.formulaFactor')}
          <InputNumber min={0} precision={2} data-testid="pol-benefit-factor" value={simple.factorFen / 100} onChange={(v) => onChange({ ...value, expr: { op: 'mul', args: [{ field: simple.field }, { const: fenFromYuan(v ?? 0) }] } })} />
          <InputNumber min={0} precision={2} placeholder={t('pol.editor.capYuan')} style={{ width: 180 }} value={value.capFen === undefined ? null : value.capFen / 100} onChange={(v) => onChange({ ...value, capFen: v === null ? undefined : fenFromYuan(v) })} />
        </Space>
      )}
      {value.kind === 'formula' && !simple && <Alert type="warning" showIcon message={t('pol.editor.complexFormula')} />}
      <Input maxLength={200} placeholder={t('pol.editor.benefitText')} value={value.text ?? ''} onChange={(e) => setText(e.target.value)} />
    </Space>
  );
}

export function RulePackEditor({ value, onChange }: { value: RulePack | null; onChange: (p: RulePack | null) => void }) {
  const { t } = useTranslation();
  const pack = value ?? { minEmployees: 1000, shareBp: 5000, provinceParts: 7, localParts: 3 };
  const num = (k: keyof RulePack, label: string, max: number) => (
    <Space>
      {label}
      <InputNumber min={0} max={max} precision={0} value={pack[k]} onChange={(v) => onChange({ ...pack, [k]: v ?? 0 })} />
    </Space>
  );
  return (
    <Space direction="vertical">
      <Space>
        <Switch checked={value !== null} onChange={(on) => onChange(on ? pack : null)} />
        {t('pol.editor.subsidyEnabled')}
      </Space>
      {value && (
        <Space wrap>
          {num('minEmployees', t('pol.editor.minEmployees'), 1_000_000)}
          {num('shareBp', t('pol.editor.shareBp'), 10_000)}
          {num('provinceParts', t('pol.editor.provinceParts'), 100)}
          {num('localParts', t('pol.editor.localParts'), 100)}
        </Space>
      )}
    </Space>
  );
}
