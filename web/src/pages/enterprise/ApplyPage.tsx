import { useState } from 'react';
import { Alert, App, Button, Card, Input, Result, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApply, useMyApplication, type WlApplication } from '../../api/whitelist';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';
import { AppStatusTag, ConditionResults } from '../whitelist/shared';

export default function ApplyPage() {
  const { t } = useTranslation();
  const data = useMyApplication();
  const apply = useApply();
  const showError = useShowError();
  const { message } = App.useApp();
  const [statement, setStatement] = useState('');
  const [result, setResult] = useState<WlApplication | null>(null);

  if (data.error) return <QueryError error={data.error} onRetry={() => void data.refetch()} />;
  if (!data.data) return <Spin />;
  const d = data.data;
  const rejected = d.application?.status === 'rejected';

  const submit = () =>
    apply.mutate(statement.trim() || null, {
      onSuccess: (a) => {
        setResult(a);
        void message.success(t('wl.apply.submitted'));
      },
      onError: (err) => showError(err),
    });

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="ent-apply-page">
      <Card title={t('wl.apply.criteria')}>
        {d.criteria ? (
          <div data-testid="apply-criteria">
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {d.criteria.title}
            </Typography.Title>
            <Typography.Paragraph data-testid="apply-criteria-text">{d.criteria.description}</Typography.Paragraph>
            <Tag color={d.criteria.autoAdmit ? 'green' : 'blue'}>{d.criteria.autoAdmit ? t('wl.apply.autoAdmit') : t('wl.apply.manual')}</Tag>
          </div>
        ) : (
          <Alert type="warning" showIcon title={t('wl.common.noCriteria')} />
        )}
      </Card>

      {result ? (
        <Card title={t('wl.apply.result')} data-testid="apply-result">
          <Result
            status={result.checkPassed ? 'success' : 'warning'}
            title={result.checkPassed ? t('wl.apply.overallPassed') : t('wl.apply.overallFailed')}
            subTitle={<AppStatusTag status={result.status} />}
            style={{ padding: '8px 0' }}
          />
          {result.checkResult && <ConditionResults evaluation={result.checkResult} testId="apply-result-conditions" />}
          <div style={{ marginTop: 16 }}>
            <Link to="/enterprise/status" data-testid="apply-goto-status">
              {t('menu.entStatus')}
            </Link>
          </div>
        </Card>
      ) : (
        <Card title={t('wl.apply.selfCheck')}>
          {d.check && <ConditionResults evaluation={d.check} testId="apply-selfcheck" />}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('wl.apply.editProfileFirst')} <Link to="/enterprise/profile">{t('menu.entProfile')}</Link>
          </Typography.Paragraph>
          {d.canApply ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Input.TextArea rows={3} maxLength={2000} placeholder={t('wl.apply.statement')} value={statement} onChange={(e) => setStatement(e.target.value)} data-testid="apply-statement" />
              <Button type="primary" onClick={submit} loading={apply.isPending} data-testid="apply-submit">
                {rejected || d.application ? t('wl.apply.resubmit') : t('wl.apply.submit')}
              </Button>
            </Space>
          ) : (
            <Alert type="info" showIcon title={t('wl.apply.cannotApply')} description={<AppStatusTag status={d.application?.status ?? null} />} data-testid="apply-blocked" />
          )}
        </Card>
      )}
    </Space>
  );
}
