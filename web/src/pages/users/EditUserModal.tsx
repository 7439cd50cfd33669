import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUpdateUser } from '../../api/users';
import type { Id, UpdateUserBody, User } from '../../api/types';
import { useShowError } from '../../lib/errors';
import { OrgUnitFields } from './OrgUnitFields';
import { ENTERPRISE_ROLE, useRoleOptions } from './useRoleOptions';

interface EditForm {
  displayName: string;
  role: string;
  departmentId?: Id;
  taskForceId?: Id;
  disabled: boolean;
}

interface Props {
  user: User;
  onClose: () => void;
}

/** PATCH /api/users/:id with the fields that changed; a cleared department or task force is sent as null. */
export function EditUserModal({ user, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EditForm>();
  const role = Form.useWatch('role', form);
  const roles = useRoleOptions();
  const update = useUpdateUser();
  const showError = useShowError();
  const { message } = App.useApp();

  const onFinish = (v: EditForm) => {
    const body: UpdateUserBody = {};
    if (v.displayName.trim() !== user.displayName) body.displayName = v.displayName.trim();
    if (v.role !== user.role) body.role = v.role;
    if (v.role !== ENTERPRISE_ROLE) {
      const departmentId = v.departmentId ?? null;
      const taskForceId = v.taskForceId ?? null;
      if (departmentId !== user.departmentId) body.departmentId = departmentId;
      if (taskForceId !== user.taskForceId) body.taskForceId = taskForceId;
    }
    if (v.disabled !== user.disabled) body.disabled = v.disabled;
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    update.mutate(
      { id: user.id, body },
      {
        onSuccess: () => {
          void message.success(t('users.updated'));
          onClose();
        },
        onError: (err) => showError(err, form),
      },
    );
  };

  return (
    <Modal
      open
      title={t('users.editTitle', { name: user.displayName })}
      width={560}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={update.isPending}
      okButtonProps={{ 'data-testid': 'user-form-submit' }}
      mask={{ closable: false }}
    >
      <Form<EditForm>
        form={form}
        data-testid="user-edit-modal"
        layout="vertical"
        onFinish={onFinish}
        style={{ marginTop: 16 }}
        initialValues={{
          displayName: user.displayName,
          role: user.role,
          departmentId: user.departmentId ?? undefined,
          taskForceId: user.taskForceId ?? undefined,
          disabled: user.disabled,
        }}
      >
        <Form.Item label={t('users.username')}>
          <Input value={user.username} disabled />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('users.displayName') }) }]}
        >
          <Input data-testid="user-form-displayName" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
          <Select options={roles.options} loading={roles.loading} data-testid="user-form-role" />
        </Form.Item>
        <Form.Item label={t('users.region')}>
          <Input value={user.regionName} disabled />
        </Form.Item>
        {role === ENTERPRISE_ROLE ? (
          <Form.Item label={t('users.enterprise')}>
            <Input value={user.enterpriseName ?? t('common.none')} disabled />
          </Form.Item>
        ) : (
          <OrgUnitFields regionCode={user.regionCode} />
        )}
        <Form.Item name="disabled" label={t('users.accountDisabled')} valuePropName="checked">
          <Switch data-testid="user-form-disabled" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
