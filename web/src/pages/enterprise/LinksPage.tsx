import { useEffect } from 'react';
import { App, Button, Card, Form, Input, Select, Space, Spin, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMyLinks, useSaveLinks } from '../../api/whitelist';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';

interface LinkRow {
  direction: 'upstream' | 'downstream';
  partnerName: string;
  partnerUscc: string;
}

export default function LinksPage() {
  const { t } = useTranslation();
  const links = useMyLinks();
  const save = useSaveLinks();
  const showError = useShowError();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ links: LinkRow[] }>();

  useEffect(() => {
    if (links.data) form.setFieldsValue({ links: links.data.map(({ direction, partnerName, partnerUscc }) => ({ direction, partnerName, partnerUscc })) });
  }, [links.data, form]);

  if (links.error) return <QueryError error={links.error} onRetry={() => void links.refetch()} />;
  if (!links.data) return <Spin />;
  const listed = new Map(links.data.map((l) => [l.partnerUscc, l.partnerListed]));

  const onFinish = (v: { links?: LinkRow[] }) =>
    save.mutate(v.links ?? [], {
      onSuccess: () => void message.success(t('wl.links.saved')),
      onError: (err) => showError(err),
    });

  return (
    <Card title={t('wl.links.title')} data-testid="ent-links-page">
      <Typography.Paragraph type="secondary">{t('wl.links.intro')}</Typography.Paragraph>
      <Form form={form} onFinish={onFinish} data-testid="links-form">
        <Form.List name="links">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => {
                const uscc = form.getFieldValue(['links', f.name, 'partnerUscc']) as string | undefined;
                const on = uscc ? listed.get(uscc) : undefined;
                return (
                  <Space key={f.key} align="baseline" wrap data-testid={`link-row-${f.name}`}>
                    <Form.Item name={[f.name, 'direction']} rules={[{ required: true }]}>
                      <Select style={{ width: 100 }} options={[{ value: 'upstream', label: t('wl.links.upstream') }, { value: 'downstream', label: t('wl.links.downstream') }]} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'partnerName']} rules={[{ required: true, message: t('common.required', { label: t('wl.links.partnerName') }) }]}>
                      <Input placeholder={t('wl.links.partnerName')} style={{ width: 260 }} data-testid={`link-name-${f.name}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'partnerUscc']} rules={[{ required: true, len: 18, message: t('common.required', { label: t('wl.links.partnerUscc') }) }]}>
                      <Input placeholder={t('wl.links.partnerUscc')} style={{ width: 220 }} maxLength={18} data-testid={`link-uscc-${f.name}`} />
                    </Form.Item>
                    {on !== undefined && <Tag color={on ? 'green' : 'default'}>{t('wl.links.partnerListed')}：{on ? t('wl.common.yes') : t('wl.common.no')}</Tag>}
                    <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('wl.links.remove')} />
                  </Space>
                );
              })}
              <Space>
                <Button icon={<PlusOutlined />} onClick={() => add({ direction: 'downstream', partnerName: '', partnerUscc: '' })} data-testid="links-add">
                  {t('wl.links.add')}
                </Button>
                <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="links-save">
                  {t('common.save')}
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}
