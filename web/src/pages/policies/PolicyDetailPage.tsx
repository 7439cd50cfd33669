import { App, Button, Card, Descriptions, Popconfirm, Space, Spin, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { usePolicy, usePolicyTransition, type PolicyVersion } from '../../api/policies';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import { PolicyStatusTag } from './shared';

export default function PolicyDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const q = usePolicy(id);
  const transition = usePolicyTransition();
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin />;
  const p = q.data;
  const act = (action: 'publish' | 'withdraw') =>
    transition.mutate({ id: p.id, action }, { onSuccess: () => void message.success(t(action === 'publish' ? 'pol.detail.published' : 'pol.detail.withdrawn')), onError: (e) => showError(e) });

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={<Space>{p.title}<PolicyStatusTag status={p.status} /></Space>}
        extra={
          <Space>
            {p.actions.includes('edit') && <Button onClick={() => void navigate(`/policies/${p.id}/edit`)} data-testid="pol-edit">{t('pol.detail.edit')}</Button>}
            {p.actions.includes('publish') && (
              <Popconfirm title={t('pol.detail.confirmPublish')} onConfirm={() => act('publish')} okButtonProps={{ id: 'pol-publish-ok' }}>
                <Button type="primary" loading={transition.isPending} data-testid="pol-publish">{t('pol.detail.publish')}</Button>
              </Popconfirm>
            )}
            {p.actions.includes('withdraw') && (
              <Popconfirm title={t('pol.detail.confirmWithdraw')} onConfirm={() => act('withdraw')}>
                <Button danger loading={transition.isPending}>{t('pol.detail.withdraw')}</Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        <Descriptions column={2} bordered size="small">
          <Descriptions.Item label={t('pol.field.issuingBody')}>{p.issuingBody}</Descriptions.Item>
          <Descriptions.Item label={t('pol.field.documentNumber')}>{p.documentNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('pol.field.category')}>{t(`pol.category.${p.category}`)}</Descriptions.Item>
          <Descriptions.Item label={t('pol.field.level')}>{t(`pol.level.${p.level}`)} · {p.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('pol.field.validity')}>{`${p.validFrom ?? ''} ~ ${p.validTo ?? ''}`}</Descriptions.Item>
          <Descriptions.Item label={t('pol.field.version')}>v{p.version}{p.publishedAt ? ` · ${formatTime(p.publishedAt)}` : ''}</Descriptions.Item>
          <Descriptions.Item label={t('pol.field.summary')} span={2}>{p.summary}</Descriptions.Item>
          <Descriptions.Item label={t('pol.field.rule')} span={2}><Typography.Text strong data-testid="pol-rule-text">{p.ruleText}</Typography.Text></Descriptions.Item>
          <Descriptions.Item label={t('pol.field.benefit')} span={2}>{p.benefitText}</Descriptions.Item>
          <Descriptions.Item label={t('pol.field.howToApply')} span={2}>{p.howToApply ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('pol.field.consultant')} span={2}>{[p.consultantName, p.consultantContact].filter(Boolean).join('  ') || '—'}</Descriptions.Item>
          {p.fullText && <Descriptions.Item label={t('pol.field.fullText')} span={2}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{p.fullText}</Typography.Paragraph></Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={t('pol.detail.versions')} size="small">
        <Table<PolicyVersion>
          rowKey="version"
          size="small"
          pagination={false}
          dataSource={p.versions}
          columns={[
            { title: t('pol.field.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
            { title: t('pol.field.rule'), dataIndex: 'ruleText' },
            { title: t('pol.field.benefit'), dataIndex: 'benefitText', width: 240 },
            { title: t('pol.field.createdBy'), dataIndex: 'createdBy', width: 120 },
            { title: t('pol.field.updatedAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v) },
          ]}
        />
      </Card>
      <Link to="/policies">← {t('pol.list.heading')}</Link>
    </Space>
  );
}
