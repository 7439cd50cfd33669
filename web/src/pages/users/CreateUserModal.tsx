import { App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateUser } from '../../api/users';
import type { CreateUserBody, Id } from '../../api/types';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useShowError } from '../../lib/errors';
import { EnterpriseSelect } from './EnterpriseSelect';
import { OrgUnitFields } from './OrgUnitFields';
import { ENTERPRISE_ROLE, useRoleOptions } from './useRoleOptions';
import { confirmRules, passwordRules } from './passwordRules';

interface CreateForm {
  username: string;
  displayName: string;
  role: string;
  regionCode: string;
  departmentId?: Id;
  taskForceId?: Id;
  enterpriseId?: Id;
  phone?: string;
  password: string;
  confirmPassword: string;
}

interface Props {
  defaultRegionCode: string;
  onClose: () => void;
}

export function CreateUserModal({ defaultRegionCode, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateForm>();
  const role = Form.useWatch('role', form);
  const regionCode = Form.useWatch('regionCode', form);
  const roles = useRoleOptions();
  const create = useCreateUser();
  const showError = useShowError();
  const { message } = App.useApp();
  const isEnterprise = role === ENTERPRISE_ROLE;
  const required = (label: string) => [{ required: true, whitespace: true, message: t('common.required', { label }) }];
  const requiredSelect = (label: string) => [{ required: true, message: t('common.requiredSelect', { label }) }];

  const onFinish = (v: CreateForm) => {
    const body: CreateUserBody = {
      username: v.username.trim(),
      displayName: v.displayName.trim(),
      role: v.role,
      regionCode: v.regionCode,
      password: v.password,
    };
    if (isEnterprise) {
      if (v.enterpriseId !== undefined) body.enterpriseId = v.enterpriseId;
    } else {
      if (v.departmentId !== undefined) body.departmentId = v.departmentId;
      if (v.taskForceId !== undefined) body.taskForceId = v.taskForceId;
    }
    if (v.phone?.trim()) body.phone = v.phone.trim();
    create.mutate(body, {
      onSuccess: () => {
        void message.success(t('users.created'));
        onClose();
      },
      onError: (err) => showError(err, form),
    });
  };

  return (
    <Modal
      open
      title={t('users.createTitle')}
      width={720}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'user-form-submit' }}
      mask={{ closable: false }}
    >
      <Form<CreateForm>
        form={form}
        data-testid="user-create-modal"
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ regionCode: defaultRegionCode }}
        onValuesChange={(changed: Partial<CreateForm>) => {
          if ('regionCode' in changed || 'role' in changed) {
            form.setFieldsValue({ departmentId: undefined, taskForceId: undefined, enterpriseId: undefined });
          }
        }}
        style={{ marginTop: 16 }}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="username"
              label={t('users.username')}
              extra={t('users.usernameRule')}
              rules={[
                ...required(t('users.username')),
                { pattern: /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, message: t('users.usernameRule') },
              ]}
            >
              <Input autoComplete="off" data-testid="user-form-username" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="displayName" label={t('users.displayName')} rules={required(t('users.displayName'))}>
              <Input data-testid="user-form-displayName" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="role" label={t('users.role')} rules={requiredSelect(t('users.role'))}>
              <Select options={roles.options} loading={roles.loading} data-testid="user-form-role" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="regionCode" label={t('users.region')} rules={requiredSelect(t('users.region'))}>
              <RegionTreeSelect allowClear={false} testId="user-form-region" />
            </Form.Item>
          </Col>
          {isEnterprise ? (
            <Col span={24}>
              <Form.Item name="enterpriseId" label={t('users.enterprise')} rules={requiredSelect(t('users.enterprise'))}>
                <EnterpriseSelect regionCode={regionCode} />
              </Form.Item>
            </Col>
          ) : (
            <OrgUnitColumns regionCode={regionCode} />
          )}
          <Col span={12}>
            <Form.Item
              name="phone"
              label={t('users.phone')}
              extra={t('users.phoneHint')}
              rules={[{ pattern: /^1\d{10}$/, message: t('users.phoneRule') }]}
            >
              <Input inputMode="tel" maxLength={11} autoComplete="off" data-testid="user-form-phone" />
            </Form.Item>
          </Col>
          <Col span={12} />
          <Col span={12}>
            <Form.Item
              name="password"
              label={t('users.initialPassword')}
              extra={t('password.policy')}
              rules={passwordRules(t, t('users.initialPassword'))}
            >
              <Input.Password autoComplete="new-password" data-testid="user-form-password" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="confirmPassword"
              label={t('users.confirmPassword')}
              dependencies={['password']}
              rules={confirmRules(t, t('users.confirmPassword'), 'password')}
            >
              <Input.Password autoComplete="new-password" data-testid="user-form-confirm" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

/** Department and task force side by side. */
function OrgUnitColumns({ regionCode }: { regionCode: string | undefined }) {
  return (
    <Col span={24}>
      <Row gutter={16}>
        <OrgUnitFields regionCode={regionCode} layout="columns" />
      </Row>
    </Col>
  );
}
