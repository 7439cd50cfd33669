import { Button, Card, Input, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Condition, FieldDef, Rule, RuleValue } from '../../api/whitelist';

type GroupKind = 'all' | 'any' | 'not';
const isGroup = (r: Rule): r is { all: Rule[] } | { any: Rule[] } | { not: Rule } => 'all' in r || 'any' in r || 'not' in r;
const kindOf = (r: Rule): GroupKind => ('all' in r ? 'all' : 'any' in r ? 'any' : 'not');
const childrenOf = (r: Rule): Rule[] => ('all' in r ? r.all : 'any' in r ? r.any : 'not' in r ? [r.not] : []);
function makeGroup(kind: GroupKind, children: Rule[]): Rule {
  if (kind === 'not') return { not: children[0] ?? { all: [] } };
  return kind === 'all' ? { all: children } : { any: children };
}

function defaultValue(def: FieldDef | undefined, op: string): RuleValue | RuleValue[] | undefined {
  if (!def || op === 'is_true' || op === 'is_false') return undefined;
  if (op === 'between') return [0, 0];
  if (def.type === 'enum') return op === 'in' ? [def.options[0]?.value ?? ''] : (def.options[0]?.value ?? '');
  if (def.type === 'number') return op === 'in' ? [0] : 0;
  return op === 'in' ? [''] : '';
}

export function newCondition(fields: FieldDef[]): Condition {
  const def = fields.find((f) => f.type === 'boolean') ?? fields[0];
  const op = def?.ops[0] ?? 'is_true';
  return { field: def?.name ?? '', op, value: defaultValue(def, op) };
}

function ValueInput({ def, cond, onChange, testId }: { def: FieldDef | undefined; cond: Condition; onChange: (v: RuleValue | RuleValue[] | undefined) => void; testId: string }) {
  const { t, i18n } = useTranslation();
  if (!def || cond.op === 'is_true' || cond.op === 'is_false') return null;
  const en = i18n.language === 'en-US';
  const unit = def.unit ? (en ? def.unit.en : def.unit.zh) : undefined;
  if (cond.op === 'between') {
    const [a, b] = Array.isArray(cond.value) ? cond.value : [0, 0];
    return (
      <Space data-testid={testId}>
        <InputNumber value={a as number} onChange={(v) => onChange([v ?? 0, (b as number) ?? 0])} />
        ~
        <InputNumber value={b as number} onChange={(v) => onChange([(a as number) ?? 0, v ?? 0])} suffix={unit} />
      </Space>
    );
  }
  if (def.type === 'enum') {
    const options = def.options.map((o) => ({ value: o.value, label: en ? o.en : o.zh }));
    return cond.op === 'in' ? (
      <Select mode="multiple" style={{ minWidth: 220 }} options={options} value={(cond.value as string[]) ?? []} onChange={(v: string[]) => onChange(v)} data-testid={testId} />
    ) : (
      <Select style={{ minWidth: 160 }} options={options} value={cond.value as string} onChange={(v: string) => onChange(v)} data-testid={testId} />
    );
  }
  if (cond.op === 'in') {
    const vals = Array.isArray(cond.value) ? cond.value.map(String) : [];
    return (
      <Select
        mode="tags"
        style={{ minWidth: 220 }}
        value={vals}
        placeholder={t('wl.criteria.value')}
        onChange={(v: string[]) => onChange(def.type === 'number' ? v.map(Number).filter((x) => Number.isFinite(x)) : v)}
        data-testid={testId}
      />
    );
  }
  if (def.type === 'number') {
    return <InputNumber value={cond.value as number} onChange={(v) => onChange(v ?? 0)} suffix={unit} style={{ width: 160 }} data-testid={testId} />;
  }
  return <Input value={cond.value as string} onChange={(e) => onChange(e.target.value)} style={{ width: 200 }} data-testid={testId} />;
}

interface NodeProps {
  rule: Rule;
  fields: FieldDef[];
  onChange: (r: Rule) => void;
  onRemove?: () => void;
  path: string;
  disabled?: boolean;
}

/** One node of the rule tree: a group (all / any / not) or a condition. */
export function RuleNode({ rule, fields, onChange, onRemove, path, disabled }: NodeProps) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  if (!isGroup(rule)) {
    const def = fields.find((f) => f.name === rule.field);
    const opLabel = (op: string) => {
      const known = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'between', 'is_true', 'is_false'] as const;
      const k = known.find((x) => x === op);
      return k ? t(`wl.ops.${k}`) : op;
    };
    return (
      <Space wrap data-testid={`rule-cond-${path}`}>
        <Select
          disabled={disabled}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 220 }}
          value={rule.field}
          options={fields.map((f) => ({ value: f.name, label: en ? f.label.en : f.label.zh }))}
          onChange={(name: string) => {
            const d = fields.find((f) => f.name === name);
            const op = d?.ops[0] ?? 'eq';
            onChange({ field: name, op, value: defaultValue(d, op) });
          }}
          data-testid={`rule-field-${path}`}
        />
        <Select
          disabled={disabled}
          style={{ width: 120 }}
          value={rule.op}
          options={(def?.ops ?? []).map((op) => ({ value: op, label: opLabel(op) }))}
          onChange={(op: string) => onChange({ field: rule.field, op, value: defaultValue(def, op) })}
          data-testid={`rule-op-${path}`}
        />
        <ValueInput def={def} cond={rule} onChange={(value) => onChange({ ...rule, value })} testId={`rule-value-${path}`} />
        {onRemove && !disabled && <Button size="small" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('wl.criteria.removeNode')} data-testid={`rule-remove-${path}`} />}
      </Space>
    );
  }
  const kind = kindOf(rule);
  const kids = childrenOf(rule);
  const setKids = (next: Rule[]) => onChange(makeGroup(kind, next));
  return (
    <Card
      size="small"
      data-testid={`rule-group-${path}`}
      style={{ borderLeft: `3px solid ${kind === 'all' ? '#1677ff' : kind === 'any' ? '#52c41a' : '#fa541c'}` }}
      title={
        <Select<GroupKind>
          disabled={disabled}
          size="small"
          style={{ width: 120 }}
          value={kind}
          options={[
            { value: 'all', label: t('wl.criteria.all') },
            { value: 'any', label: t('wl.criteria.any') },
            { value: 'not', label: t('wl.criteria.not') },
          ]}
          onChange={(k) => onChange(makeGroup(k, k === 'not' ? kids.slice(0, 1) : kids))}
          data-testid={`rule-kind-${path}`}
        />
      }
      extra={onRemove && !disabled && <Button size="small" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('wl.criteria.removeNode')} />}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {kids.map((k, i) => (
          <RuleNode
            key={i}
            rule={k}
            fields={fields}
            path={`${path}.${i}`}
            disabled={disabled}
            onChange={(r) => setKids(kids.map((x, j) => (j === i ? r : x)))}
            onRemove={kind === 'not' ? undefined : () => setKids(kids.filter((_, j) => j !== i))}
          />
        ))}
        {kids.length === 0 && <Typography.Text type="danger">{t('wl.criteria.emptyGroup')}</Typography.Text>}
        {!disabled && (kind !== 'not' || kids.length === 0) && (
          <Space>
            <Button size="small" icon={<PlusOutlined />} onClick={() => setKids([...kids, newCondition(fields)])} data-testid={`rule-add-cond-${path}`}>
              {t('wl.criteria.addCondition')}
            </Button>
            <Button size="small" icon={<PlusOutlined />} onClick={() => setKids([...kids, { any: [newCondition(fields)] }])} data-testid={`rule-add-group-${path}`}>
              {t('wl.criteria.addGroup')}
            </Button>
          </Space>
        )}
      </Space>
    </Card>
  );
}

/**
 * The operators in words exactly as the server's describe() (server/src/platform/rules) writes
 * them, so the echo while editing reads the same as the saved policy ("用工人数不少于1000人",
 * "行业为工业生产"); the operator picker keeps its own, more explicit labels.
 */
const PHRASE: Record<string, { zh: string; en: string }> = {
  eq: { zh: '为', en: 'is' },
  ne: { zh: '不为', en: 'is not' },
  gt: { zh: '大于', en: 'greater than' },
  gte: { zh: '不少于', en: 'at least' },
  lt: { zh: '小于', en: 'less than' },
  lte: { zh: '不超过', en: 'at most' },
  in: { zh: '属于', en: 'one of' },
};

/** The rule in plain words, computed in the browser as the server's describe() does. */
export function describeRule(rule: Rule, fields: FieldDef[], en: boolean, t?: (k: string) => string): string {
  const inner = (r: Rule) => (!isGroup(r) || 'not' in r ? describeRule(r, fields, en, t) : `(${describeRule(r, fields, en, t)})`);
  if ('all' in rule) return rule.all.map(inner).join(en ? ' and ' : '，且');
  if ('any' in rule) return rule.any.map(inner).join(en ? ' or ' : '，或');
  if ('not' in rule) return en ? `not ${inner(rule.not)}` : `并非${inner(rule.not)}`;
  const def = fields.find((f) => f.name === rule.field);
  const name = def ? (en ? def.label.en : def.label.zh) : rule.field;
  if (rule.op === 'is_true') return en ? `${name}: yes` : name;
  if (rule.op === 'is_false') return en ? `${name}: no` : `无${name}`;
  const unit = def?.unit ? (en ? ` ${def.unit.en}` : def.unit.zh) : '';
  const one = (v: RuleValue) => {
    const o = def?.options.find((x) => x.value === v);
    return o ? (en ? o.en : o.zh) : `${String(v)}${unit}`;
  };
  const v = rule.value;
  if (rule.op === 'between' && Array.isArray(v)) return en ? `${name} between ${one(v[0]!)} and ${one(v[1]!)}` : `${name}介于${one(v[0]!)}至${one(v[1]!)}之间`;
  const shown = Array.isArray(v) ? v.map(one).join(en ? ', ' : '、') : v === undefined ? '' : one(v);
  const phrase = PHRASE[rule.op] ?? { zh: t ? t(`wl.ops.${rule.op}`) : rule.op, en: rule.op };
  return en ? `${name} ${phrase.en} ${shown}` : `${name}${phrase.zh}${shown}`;
}

/** A group may not be empty (the server rejects it). */
export function ruleComplete(rule: Rule): boolean {
  if (!isGroup(rule)) return Boolean(rule.field);
  const kids = childrenOf(rule);
  return kids.length > 0 && kids.every(ruleComplete);
}
