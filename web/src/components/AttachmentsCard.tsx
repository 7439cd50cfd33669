import { App, Button, Card, List, Popconfirm, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { downloadAttachment, useAttachments, useDeleteAttachment, useUploadAttachment, type AttachmentsPath } from '../api/attachments';
import { useShowError } from '../lib/errors';
import { formatTime } from '../lib/time';

/** "1.2 MB": sizes as people read them. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The files of one record (a demand, an assignment's evidence, a notice's reply): everyone who
 * sees the record downloads them; the upload button shows when the server says the caller may add,
 * and a file's delete button (confirmed first) when it says the caller may remove that file.
 */
export function AttachmentsCard({ path, title, testId }: { path: AttachmentsPath; title?: string; testId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const q = useAttachments(path);
  const up = useUploadAttachment(path);
  const del = useDeleteAttachment(path);
  const items = q.data?.items ?? [];
  return (
    <Card
      size="small"
      title={<Space><PaperClipOutlined />{title ?? t('files.title')}</Space>}
      data-testid={testId}
      extra={
        q.data?.canAdd && (
          <Upload
            showUploadList={false}
            multiple
            customRequest={({ file, onSuccess, onError }) => {
              up.mutate(file as File, {
                onSuccess: (a) => {
                  onSuccess?.(a);
                  void message.success(t('files.uploaded', { name: a.name }));
                },
                onError: (e) => {
                  onError?.(e);
                  showError(e);
                },
              });
            }}
          >
            <Button icon={<UploadOutlined />} loading={up.isPending} data-testid={`${testId}-upload`}>{t('files.add')}</Button>
          </Upload>
        )
      }
    >
      <List
        size="small"
        loading={q.isLoading}
        locale={{ emptyText: t('files.none') }}
        dataSource={items}
        renderItem={(a) => (
          <List.Item
            actions={[
              <Button key="dl" type="link" size="small" icon={<DownloadOutlined />} onClick={() => void downloadAttachment(path, a).catch((e: unknown) => showError(e))} data-testid="file-download">
                {t('files.download')}
              </Button>,
              ...(a.canDelete
                ? [
                    <Popconfirm
                      key="del"
                      title={t('files.deleteConfirm', { name: a.name })}
                      okText={t('files.delete')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('common.cancel')}
                      onConfirm={() => del.mutateAsync(a).then(() => void message.success(t('files.deleted', { name: a.name })), (e: unknown) => showError(e))}
                    >
                      <Button type="link" size="small" danger icon={<DeleteOutlined />} loading={del.isPending && del.variables?.id === a.id} data-testid="file-delete">
                        {t('files.delete')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []),
            ]}
          >
            <Space>
              <Typography.Text data-testid="file-name">{a.name}</Typography.Text>
              <Typography.Text type="secondary">{formatSize(a.size)} · {formatTime(a.createdAt)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
