import { Button, DatePicker, Form, Input, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditFilters as Filters } from '../../api/types';
import { DATE_TIME_FORMAT, pickedToUtcIso } from '../../lib/time';

interface FilterForm {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  targetType?: string;
}

interface Props {
  onChange: (filters: Filters) => void;
}

/** Time range (Beijing time), actor, action and target type. */
export function AuditFilters({ onChange }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterForm>();

  const onFinish = (v: FilterForm) => {
    const [from, to] = v.range ?? [null, null];
    onChange({
      from: from ? pickedToUtcIso(from) : undefined,
      to: to ? pickedToUtcIso(to) : undefined,
      actor: v.actor?.trim() || undefined,
      action: v.action?.trim() || undefined,
      targetType: v.targetType?.trim() || undefined,
    });
  };

  return (
    <Form<FilterForm> form={form} layout="inline" onFinish={onFinish} style={{ rowGap: 12 }} data-testid="audit-filters">
      <Form.Item name="range" label={t('audit.timeRange')}>
        <DatePicker.RangePicker showTime format={DATE_TIME_FORMAT} allowEmpty={[true, true]} data-testid="audit-filter-range" />
      </Form.Item>
      <Form.Item name="actor" label={t('audit.actorColumn')}>
        <Input allowClear placeholder={t('audit.actor')} style={{ width: 150 }} data-testid="audit-filter-actor" />
      </Form.Item>
      <Form.Item name="action" label={t('audit.action')}>
        <Input allowClear placeholder="auth.login" style={{ width: 150 }} data-testid="audit-filter-action" />
      </Form.Item>
      <Form.Item name="targetType" label={t('audit.targetType')}>
        <Input allowClear placeholder="user" style={{ width: 120 }} data-testid="audit-filter-targetType" />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="audit-search">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onChange({});
            }}
            data-testid="audit-reset"
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
