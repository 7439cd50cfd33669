import { useState } from 'react';
import { App, Button, Card, Form, Input, List, Modal, Select, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { uploadAttachment } from '../../api/attachments';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { DEMAND_CATEGORIES, URGENCIES, useFileDemand, useSimilar, type FileBody, type SimilarDemand } from '../../api/demands';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';

type Values = Omit<FileBody, 'idempotencyKey' | 'confirmNotDuplicate'>;

/** An enterprise files a demand; a similar recent one is shown first and must be confirmed. */
export default function FileDemandPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const similar = useSimilar();
  const file = useFileDemand();
  // One key per filled form: a double click or a retry after a lost answer stores the demand once.
  const [key] = useState(() => crypto.randomUUID());
  const [dups, setDups] = useState<SimilarDemand[] | null>(null);
  // Files wait in the form and go up once the demand exists (the upload route needs its id).
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [uploading, setUploading] = useState(false);

  const send = (v: Values, confirmNotDuplicate: boolean) =>
    file.mutate(
      { ...v, idempotencyKey: key, confirmNotDuplicate },
      {
        onSuccess: (d) => {
          void message.success(t('demands.form.filed', { no: d.no }));
          setUploading(true);
          const path = `/api/demands/${d.id}/attachments` as const;
          void Promise.allSettled(files.map((f) => uploadAttachment(path, f.originFileObj as File))).then((results) => {
            setUploading(false);
            const failed = results.filter((r) => r.status === 'rejected').length;
            if (failed) void message.warning(t('files.someFailed', { count: failed }));
            void navigate(`/demands/${d.id}`);
          });
        },
        onError: (e) => showError(e, form),
      },
    );
  const onFinish = (v: Values) =>
    similar.mutate(
      { category: v.category, title: v.title, description: v.description },
      { onSuccess: (list) => (list.length ? setDups(list) : send(v, false)), onError: (e) => showError(e, form) },
    );

  return (
    <Card data-testid="demand-file-page" title={t('demands.fileTitle')} style={{ maxWidth: 760 }}>
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={{ urgency: 'normal' }}>
        <Form.Item name="category" label={t('demands.form.category')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('demands.form.category') }) }]}>
          <Select data-testid="demand-category" options={DEMAND_CATEGORIES.map((c) => ({ value: c, label: t(`demands.categories.${c}`) }))} />
        </Form.Item>
        <Form.Item name="urgency" label={t('demands.form.urgency')} rules={[{ required: true }]}>
          <Select data-testid="demand-urgency" options={URGENCIES.map((c) => ({ value: c, label: t(`demands.urgencies.${c}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('demands.form.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('demands.form.title') }) }]}>
          <Input maxLength={100} data-testid="demand-title" />
        </Form.Item>
        <Form.Item name="description" label={t('demands.form.description')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('demands.form.description') }) }]}>
          <Input.TextArea rows={5} maxLength={4000} showCount data-testid="demand-description" />
        </Form.Item>
        <Form.Item name="contactName" label={t('demands.form.contactName')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('demands.form.contactName') }) }]}>
          <Input maxLength={50} data-testid="demand-contact" />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('demands.form.contactPhone')} rules={[{ required: true, pattern: /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, message: t('demands.form.phoneInvalid') }]}>
          <Input maxLength={20} data-testid="demand-phone" />
        </Form.Item>
        <Form.Item label={t('files.title')} extra={t('files.hint')}>
          <Upload
            multiple
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList)}
            data-testid="demand-files"
          >
            <Button icon={<UploadOutlined />}>{t('files.pick')}</Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={similar.isPending || file.isPending || uploading} data-testid="demand-submit">
          {t('demands.form.submit')}
        </Button>
      </Form>
      <Modal
        open={dups !== null}
        title={t('demands.form.dupTitle')}
        okText={t('demands.form.dupConfirm')}
        okButtonProps={{ 'data-testid': 'demand-dup-confirm' }}
        onCancel={() => setDups(null)}
        onOk={() => {
          setDups(null);
          send(form.getFieldsValue(), true);
        }}
      >
        <Typography.Paragraph>{t('demands.form.dupIntro')}</Typography.Paragraph>
        <List size="small" dataSource={dups ?? []} renderItem={(d) => <List.Item>#{d.no} {d.title}（{t(`demands.states.${d.state as 'received'}`)}，{formatTime(d.createdAt)}）</List.Item>} />
      </Modal>
    </Card>
  );
}
