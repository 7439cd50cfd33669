import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Form, Input, InputNumber, Modal, Space, Spin, Switch, Table, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMyProfile, useMyProfileVersions, useUpdateProfile, wanFromFen, type ProfileBody, type WlEnterprise } from '../../api/whitelist';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import { AppStatusTag, ListingTag, sectorLabel, tierLabel } from '../whitelist/shared';

const yes = (t: (k: 'wl.common.yes' | 'wl.common.no') => string, b: boolean) => (b ? t('wl.common.yes') : t('wl.common.no'));

export function EnterpriseDescriptions({ e }: { e: WlEnterprise }) {
  const { t } = useTranslation();
  const none = t('common.none');
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="enterprise-descriptions">
      <Descriptions.Item label={t('wl.field.name')}>{e.name}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.uscc')}>{e.uscc}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.kind')}>{t(`wl.kind.${e.kind}`)}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.region')}>{e.regionName}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.sector')}>{sectorLabel(t, e.sector)}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.status')}>
        <ListingTag status={e.listingStatus} />
      </Descriptions.Item>
      <Descriptions.Item label={t('wl.field.appStatus')}>
        <AppStatusTag status={e.applicationStatus} />
      </Descriptions.Item>
      <Descriptions.Item label={t('wl.field.tier')}>{tierLabel(t, e.serviceTier)}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.legalRepresentative')}>{e.legalRepresentative}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.contactName')}>{e.contactName ?? none}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.contactPhone')}>{e.contactPhoneMasked ?? none}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.employees')}>{e.employees}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.outputWan')}>{wanFromFen(e.outputValueFen)}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.dormitoryCapacity')}>{e.dormitoryCapacity}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.closedLoopCapacity')}>{e.closedLoopCapacity}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.hasPreventionPlan')}>{yes(t, e.hasPreventionPlan)}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.hasTaskForce')}>{yes(t, e.hasTaskForce)}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.preventionStaff')}>{e.preventionStaff}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.cityOperationSupport')}>{yes(t, e.cityOperationSupport)}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.taxCreditRating')}>{e.taxCreditRating ?? t('wl.field.noTaxRating')}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.taxArrears')}>{yes(t, e.taxArrears)}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.competentDepartment')}>{e.competentDepartment ?? none}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.liaisonCadres')}>{e.liaisonCadres ?? none}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.pairedMedicalInstitution')}>{e.pairedMedicalInstitution ?? none}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.profileVersion')}>{e.profileVersion}</Descriptions.Item>
      <Descriptions.Item label={t('wl.field.updatedAt')}>{formatTime(e.updatedAt)}</Descriptions.Item>
    </Descriptions>
  );
}

interface FormValues extends Omit<ProfileBody, 'outputValueFen'> {
  outputValueWan?: number;
}

function EditProfileModal({ e, onClose }: { e: WlEnterprise; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const update = useUpdateProfile();
  const showError = useShowError();
  const { message } = App.useApp();
  const onFinish = (v: FormValues) => {
    const { outputValueWan, contactPhone, ...rest } = v;
    const body: ProfileBody = { ...rest, outputValueFen: Math.round((outputValueWan ?? 0) * 1e6) };
    if (contactPhone) body.contactPhone = contactPhone;
    for (const k of ['contactName', 'competentDepartment', 'liaisonCadres', 'pairedMedicalInstitution'] as const) body[k] = (rest[k] ?? '') || null;
    update.mutate(body, {
      onSuccess: (saved) => {
        void message.success(t('wl.profile.saved', { version: saved.profileVersion }));
        onClose();
      },
      onError: (err) => showError(err, form),
    });
  };
  const num = (name: keyof FormValues, label: string, extra?: string) => (
    <Form.Item name={name} label={label} extra={extra} rules={[{ required: true, message: t('common.required', { label }) }]}>
      <InputNumber min={0} style={{ width: '100%' }} data-testid={`profile-${name}`} />
    </Form.Item>
  );
  const bool = (name: keyof FormValues, label: string) => (
    <Form.Item name={name} label={label} valuePropName="checked">
      <Switch data-testid={`profile-${name}`} />
    </Form.Item>
  );
  const text = (name: keyof FormValues, label: string, required = false) => (
    <Form.Item name={name} label={label} rules={required ? [{ required: true, message: t('common.required', { label }) }] : []}>
      <Input data-testid={`profile-${name}`} maxLength={200} />
    </Form.Item>
  );
  return (
    <Modal open width={720} title={t('wl.profile.edit')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={update.isPending} okButtonProps={{ 'data-testid': 'profile-submit' }}>
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid="profile-form"
        onFinish={onFinish}
        initialValues={{ ...e, outputValueWan: e.outputValueFen / 1e6, contactPhone: undefined }}
        style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}
      >
        {text('legalRepresentative', t('wl.field.legalRepresentative'), true)}
        {text('contactName', t('wl.field.contactName'))}
        <Form.Item name="contactPhone" label={t('wl.field.contactPhone')} extra={t('wl.profile.phoneHint')}>
          <Input data-testid="profile-contactPhone" placeholder={e.contactPhoneMasked ?? ''} maxLength={11} />
        </Form.Item>
        {num('employees', t('wl.field.employees'))}
        {num('outputValueWan', t('wl.field.outputWan'))}
        {num('dormitoryCapacity', t('wl.field.dormitoryCapacity'))}
        {num('closedLoopCapacity', t('wl.field.closedLoopCapacity'))}
        {num('preventionStaff', t('wl.field.preventionStaff'))}
        {text('competentDepartment', t('wl.field.competentDepartment'))}
        {text('liaisonCadres', t('wl.field.liaisonCadres'))}
        {text('pairedMedicalInstitution', t('wl.field.pairedMedicalInstitution'))}
        {bool('hasPreventionPlan', t('wl.field.hasPreventionPlan'))}
        {bool('hasTaskForce', t('wl.field.hasTaskForce'))}
        {bool('cityOperationSupport', t('wl.field.cityOperationSupport'))}
        {/* The tax status comes from the tax bureau's data; the department keeps it, not the enterprise. */}
        <Form.Item label={t('wl.field.taxCreditRating')} extra={t('wl.profile.taxFromBureau')}>
          <Typography.Text data-testid="profile-taxStatus">{e.taxCreditRating ?? t('wl.field.noTaxRating')} · {t('wl.field.taxArrears')}：{yes(t, e.taxArrears)}</Typography.Text>
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface VersionRow {
  version: number;
  at: string;
  by: string | null;
  changes: Record<string, { from: unknown; to: unknown }>;
}

export function VersionTable({ rows }: { rows: VersionRow[] }) {
  const { t } = useTranslation();
  if (!rows.length) return <Empty description={t('wl.profile.noVersions')} />;
  const fieldName = (k: string) => {
    const known = ['legalRepresentative', 'contactName', 'employees', 'dormitoryCapacity', 'closedLoopCapacity', 'hasPreventionPlan', 'hasTaskForce', 'competentDepartment', 'liaisonCadres', 'pairedMedicalInstitution', 'preventionStaff', 'cityOperationSupport', 'taxCreditRating', 'taxArrears'] as const;
    if (k === 'contactPhone') return t('wl.field.contactPhone');
    if (k === 'outputValueFen') return t('wl.field.outputWan');
    const hit = known.find((x) => x === k);
    return hit ? t(`wl.field.${hit}`) : k;
  };
  const val = (k: string, v: unknown) => (v === null || v === undefined ? t('common.none') : k === 'outputValueFen' && typeof v === 'number' ? wanFromFen(v) : typeof v === 'boolean' ? (v ? t('wl.common.yes') : t('wl.common.no')) : String(v));
  return (
    <Table<VersionRow>
      data-testid="profile-versions"
      size="small"
      rowKey="version"
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      dataSource={rows}
      columns={[
        { title: t('wl.field.profileVersion'), dataIndex: 'version', width: 90 },
        { title: t('wl.common.at'), dataIndex: 'at', width: 170, render: (at: string) => formatTime(at) },
        { title: t('wl.common.by'), dataIndex: 'by', width: 140, render: (b: string | null) => b ?? t('common.none') },
        {
          title: t('wl.profile.changes'),
          key: 'changes',
          render: (_, r) => (
            <Space direction="vertical" size={0}>
              {Object.entries(r.changes).map(([k, c]) => (
                <span key={k}>
                  {fieldName(k)}：{val(k, c.from)} → {val(k, c.to)}
                </span>
              ))}
            </Space>
          ),
        },
      ]}
    />
  );
}

export default function ProfilePage() {
  const { t } = useTranslation();
  const profile = useMyProfile();
  const changes = useMyProfileVersions();
  const [editing, setEditing] = useState(false);
  if (profile.error) return <QueryError error={profile.error} onRetry={() => void profile.refetch()} />;
  if (!profile.data) return <Spin />;
  const versions: VersionRow[] = (changes.data ?? []).map((v) => ({ version: v.version, at: v.at, by: v.changedBy, changes: (v.changes ?? {}) as VersionRow['changes'] }));
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="ent-profile-page">
      <Card
        title={t('wl.profile.title')}
        extra={
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="profile-edit">
            {t('wl.profile.edit')}
          </Button>
        }
      >
        <EnterpriseDescriptions e={profile.data} />
      </Card>
      <Card title={t('wl.profile.versions')}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('wl.profile.version', { version: profile.data.profileVersion })}
        </Typography.Paragraph>
        <VersionTable rows={versions} />
      </Card>
      {editing && <EditProfileModal e={profile.data} onClose={() => setEditing(false)} />}
    </Space>
  );
}
