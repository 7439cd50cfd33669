import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/auth';
import { useCriteria, useCriteriaFields, useSaveCriteria, type Criteria, type Rule, type Sector } from '../../api/whitelist';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import { describeRule, newCondition, RuleNode, ruleComplete } from './RuleBuilder';
import { sectorLabel, SectorSelect } from './shared';

/** Whether `anc` is an ancestor of `code` by the division code's shape (41 / 4102 / 410225). */
function isAncestor(anc: string, code: string): boolean {
  const prefix = anc.replace(/(00)+$/, '');
  return anc !== code && code.startsWith(prefix);
}

export default function CriteriaPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const showError = useShowError();
  const fields = useCriteriaFields();
  const [regionCode, setRegionCode] = useState<string>(me.regionCode);
  const [sector, setSector] = useState<Sector>('industry');
  const list = useCriteria(regionCode);
  const save = useSaveCriteria();
  const [title, setTitle] = useState('');
  const [autoAdmit, setAutoAdmit] = useState(false);
  const [rule, setRule] = useState<Rule>({ all: [] });

  const own = useMemo(() => list.data?.find((c) => c.regionCode === regionCode && c.sector === sector), [list.data, regionCode, sector]);
  const inherited = useMemo(
    () => (own ? undefined : list.data?.filter((c) => c.sector === sector && isAncestor(c.regionCode, regionCode)).sort((a, b) => b.regionCode.replace(/0+$/, '').length - a.regionCode.replace(/0+$/, '').length)[0]),
    [own, list.data, regionCode, sector],
  );

  useEffect(() => {
    const base = own ?? inherited;
    if (base) {
      setTitle(own ? base.title : '');
      setAutoAdmit(base.autoAdmit);
      setRule(base.rule);
    } else {
      setTitle('');
      setAutoAdmit(false);
      setRule({ all: fields.data ? [newCondition(fields.data)] : [] });
    }
  }, [own, inherited, fields.data]);

  if (fields.error) return <QueryError error={fields.error} onRetry={() => void fields.refetch()} />;
  if (!fields.data) return <Spin />;
  const en = i18n.language === 'en-US';
  const editable = own ? own.editable : me.permissions.includes('whitelist.criteria');
  const complete = ruleComplete(rule);

  const onSave = () =>
    save.mutate(
      { regionCode, sector, title: title.trim() || `${sectorLabel(t, sector)}`, rule, autoAdmit },
      {
        onSuccess: (c) => void message.success(t('wl.criteria.saved', { version: c.version })),
        onError: (err) => showError(err),
      },
    );

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="criteria-page">
      <Card title={t('wl.criteria.title')}>
        <Space wrap style={{ marginBottom: 16 }}>
          <RegionTreeSelect value={regionCode} onChange={(v) => v && setRegionCode(v)} allowClear={false} style={{ width: 200 }} testId="criteria-region" />
          <SectorSelect value={sector} onChange={(s) => setSector(s)} testId="criteria-sector" />
          {own && <Typography.Text type="secondary">{t('wl.criteria.version', { version: own.version, by: own.updatedBy ?? '—', at: formatTime(own.updatedAt) })}</Typography.Text>}
        </Space>
        {inherited && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('wl.criteria.inherited', { region: inherited.regionName })} data-testid="criteria-inherited" />}
        {!editable && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('wl.criteria.notEditable')} />}
        {list.isFetching && !list.data ? (
          <Spin />
        ) : (
          <Form layout="vertical">
            <Form.Item label={t('wl.criteria.titleField')}>
              <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} disabled={!editable} data-testid="criteria-title" />
            </Form.Item>
            <Form.Item label={t('wl.criteria.rule')}>
              <RuleNode rule={rule} fields={fields.data} onChange={setRule} path="root" disabled={!editable} />
            </Form.Item>
            <Form.Item label={t('wl.criteria.description')}>
              <Typography.Paragraph data-testid="criteria-description" style={{ background: '#fafafa', padding: 12, borderRadius: 6, margin: 0 }}>
                {describeRule(rule, fields.data, en, t as (k: string) => string)}
              </Typography.Paragraph>
            </Form.Item>
            <Form.Item>
              <Space>
                <Switch checked={autoAdmit} onChange={setAutoAdmit} disabled={!editable} data-testid="criteria-auto-admit" />
                <span>{t('wl.criteria.autoAdmit')}</span>
              </Space>
            </Form.Item>
            <Button type="primary" onClick={onSave} loading={save.isPending} disabled={!editable || !complete} data-testid="criteria-save">
              {t('wl.criteria.save')}
            </Button>
          </Form>
        )}
      </Card>
      <Card title={t('wl.criteria.existing')}>
        <Table<Criteria>
          size="small"
          rowKey="id"
          data-testid="criteria-table"
          dataSource={list.data ?? []}
          pagination={false}
          onRow={(c) => ({ onClick: () => { setRegionCode(c.regionCode); setSector(c.sector); }, style: { cursor: 'pointer' } })}
          columns={[
            { title: t('wl.criteria.region'), dataIndex: 'regionName', width: 110 },
            { title: t('wl.criteria.sector'), dataIndex: 'sector', width: 110, render: (s: string) => sectorLabel(t, s) },
            { title: t('wl.criteria.titleField'), dataIndex: 'title', width: 260 },
            { title: t('wl.criteria.description'), dataIndex: 'description' },
            { title: t('wl.criteria.autoAdmitShort'), dataIndex: 'autoAdmit', width: 100, render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{a ? t('wl.common.yes') : t('wl.common.no')}</Tag> },
          ]}
        />
      </Card>
    </Space>
  );
}
