import { useState } from 'react';
import { App, Checkbox, Col, Divider, Modal, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSaveRolePermissions } from '../../api/security';
import type { Permission, Role } from '../../api/types';
import { useShowError } from '../../lib/errors';

interface Props {
  role: Role;
  permissions: Permission[];
  onClose: () => void;
}

/** A checkbox for every permission; saving PUTs the role's new permission list. */
export function RolePermissionsModal({ role, permissions, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const save = useSaveRolePermissions();
  const [checked, setChecked] = useState<string[]>(role.permissions);
  const all = permissions.map((p) => p.code);
  const allChecked = all.length > 0 && all.every((c) => checked.includes(c));
  const someChecked = checked.length > 0 && !allChecked;
  const dirty = checked.length !== role.permissions.length || checked.some((c) => !role.permissions.includes(c));

  const onSave = () => {
    // keep the catalogue's order; codes the catalogue does not list are kept as they were
    const ordered = [...all.filter((c) => checked.includes(c)), ...checked.filter((c) => !all.includes(c))];
    save.mutate(
      { code: role.code, permissions: ordered },
      {
        onSuccess: () => {
          void message.success(t('security.saved'));
          onClose();
        },
        onError: (err) => showError(err),
      },
    );
  };

  return (
    <Modal
      open
      width={760}
      title={t('security.editTitle', { name: role.name })}
      onCancel={onClose}
      onOk={onSave}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: !dirty, 'data-testid': 'role-save' }}
      mask={{ closable: false }}
    >
      <div data-testid="role-permissions-modal">
        <Checkbox
          indeterminate={someChecked}
          checked={allChecked}
          onChange={(e) => setChecked(e.target.checked ? all : [])}
          data-testid="role-permissions-all"
        >
          {t('security.selectAll')}
        </Checkbox>
        <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
          {t('security.permissionCount', { count: checked.length })}
        </Typography.Text>
        <Divider style={{ margin: '12px 0' }} />
        <Checkbox.Group
          value={checked}
          onChange={(values) => setChecked(values.map(String))}
          style={{ width: '100%' }}
          data-testid="role-permissions"
        >
          <Row gutter={[8, 10]}>
            {permissions.map((p) => (
              <Col key={p.code} span={12}>
                <Checkbox value={p.code} data-testid={`perm-${p.code}`}>
                  {p.name}
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                    {p.code}
                  </Typography.Text>
                </Checkbox>
              </Col>
            ))}
          </Row>
        </Checkbox.Group>
      </div>
    </Modal>
  );
}
