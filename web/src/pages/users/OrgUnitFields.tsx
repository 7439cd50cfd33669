import { useMemo, type ReactNode } from 'react';
import { Col, Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCommands, useDepartments } from '../../api/org';
import type { Id } from '../../api/types';

interface Props {
  regionCode: string | undefined;
  /** "columns": each field in a half-width grid column (inside a Row) */
  layout?: 'stacked' | 'columns';
}

/** Department and task-force pickers for a region (form fields departmentId, taskForceId). */
export function OrgUnitFields({ regionCode, layout = 'stacked' }: Props) {
  const { t } = useTranslation();
  const departments = useDepartments(regionCode);
  const commands = useCommands(regionCode);

  const departmentOptions = useMemo(
    () => (departments.data ?? []).map((d) => ({ value: d.id, label: d.name })),
    [departments.data],
  );
  const taskForceOptions = useMemo(
    () =>
      (commands.data ?? []).flatMap((c) =>
        c.taskForces.map((tf) => ({
          value: tf.id,
          label: (commands.data?.length ?? 0) > 1 ? `${tf.name}（${c.name}）` : tf.name,
        })),
      ),
    [commands.data],
  );
  const placeholder = regionCode ? undefined : t('users.selectRegionFirst');
  const wrap = (node: ReactNode) => (layout === 'columns' ? <Col span={12}>{node}</Col> : node);

  const department = (
    <Form.Item name="departmentId" label={t('users.department')} extra={t('users.orgUnitHint')}>
      <Select<Id>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        options={departmentOptions}
        loading={departments.isLoading}
        disabled={!regionCode}
        placeholder={placeholder}
        data-testid="user-form-department"
      />
    </Form.Item>
  );
  const taskForce = (
    <Form.Item name="taskForceId" label={t('users.taskForce')}>
      <Select<Id>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        options={taskForceOptions}
        loading={commands.isLoading}
        disabled={!regionCode}
        placeholder={placeholder}
        data-testid="user-form-taskforce"
      />
    </Form.Item>
  );

  return (
    <>
      {wrap(department)}
      {wrap(taskForce)}
    </>
  );
}
