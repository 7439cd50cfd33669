import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Form, Input, Modal, Table, Tag } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useDailyReport, useRevealHealth, type ReportPerson, type RevealedHealth } from '../../api/prevention-reports';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';

/** One daily report: counts and the abnormal persons; the health details only after an audited reveal. */
export function ReportDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const report = useDailyReport(id);
  const reveal = useRevealHealth();
  const showError = useShowError();
  const [asking, setAsking] = useState(false);
  const [form] = Form.useForm<{ purpose: string }>();
  const [clear, setClear] = useState<RevealedHealth | null>(null);
  const r = report.data;
  const health = (p: ReportPerson) => clear?.persons.find((x) => x.id === p.id);
  return (
    <Drawer open width={720} title={t('prevRep.daily.detailTitle')} onClose={onClose} data-testid="daily-report-drawer">
      {report.error && !r ? <QueryError error={report.error} onRetry={() => void report.refetch()} /> : r && (
        <>
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label={t('prevRep.daily.enterprise')}>{r.enterpriseName}</Descriptions.Item>
            <Descriptions.Item label={t('prevRep.daily.day')}>{r.day}</Descriptions.Item>
            <Descriptions.Item label={t('prevRep.daily.kind')}>{r.zero ? <Tag color="green">{t('prevRep.daily.zero')}</Tag> : <Tag color="blue">{t('prevRep.daily.normal')}</Tag>}</Descriptions.Item>
            <Descriptions.Item label={t('prevRep.daily.onSite')}>{r.onSite}</Descriptions.Item>
            <Descriptions.Item label={t('prevRep.daily.symptomatic')}>{r.symptomatic}</Descriptions.Item>
            <Descriptions.Item label={t('prevRep.daily.isolated')}>{r.isolated}</Descriptions.Item>
            <Descriptions.Item label={t('prevRep.daily.observation')}>{r.observation}</Descriptions.Item>
            <Descriptions.Item label={t('prevRep.daily.filedBy')}>{r.filedBy ?? '—'} · {formatTime(r.filedAt)}</Descriptions.Item>
            {clear && <Descriptions.Item label={t('prevRep.daily.note')} span={2}>{clear.note ?? '—'}</Descriptions.Item>}
          </Descriptions>
          {(r.persons.length > 0 || r.hasNote) && (
            <>
              <Alert style={{ margin: '16px 0' }} type={clear ? 'warning' : 'info'} showIcon title={clear ? t('prevRep.daily.revealed') : t('prevRep.daily.hidden')}
                action={r.actions.includes('reveal') && !clear ? <Button size="small" icon={<EyeOutlined />} onClick={() => setAsking(true)} data-testid="health-reveal">{t('prevRep.daily.reveal')}</Button> : undefined} />
              <Table<ReportPerson> rowKey="id" size="small" pagination={false} dataSource={r.persons} columns={[
                { title: t('prevRep.daily.employee'), dataIndex: 'name' },
                { title: t('prev.field.idCard'), dataIndex: 'idCardMasked' },
                { title: t('prev.field.post'), dataIndex: 'post' },
                { title: t('prevRep.daily.measure'), dataIndex: 'measure', render: (m: ReportPerson['measure']) => t(`prevRep.measure.${m}`) },
                { title: t('prevRep.daily.symptoms'), key: 's', render: (_, p) => { const h = health(p); return h ? h.symptoms.map((s) => t(`prevRep.symptom.${s}`)).join('、') + (h.detail ? `（${h.detail}）` : '') : '******'; } },
              ]} />
            </>
          )}
        </>
      )}
      {asking && (
        <Modal open title={t('prevRep.daily.reveal')} onCancel={() => setAsking(false)} onOk={() => form.submit()} confirmLoading={reveal.isPending}>
          <Alert type="warning" showIcon title={t('prevRep.arrivals.revealHint')} style={{ marginBottom: 16 }} />
          <Form form={form} layout="vertical" onFinish={(v) => reveal.mutate({ id, purpose: v.purpose }, { onSuccess: (data) => { setClear(data); setAsking(false); }, onError: (err) => showError(err, form) })}>
            <Form.Item name="purpose" label={t('prevRep.daily.revealPurpose')} rules={[{ required: true, min: 2, message: t('common.required', { label: t('prevRep.daily.revealPurpose') }) }]}><Input maxLength={200} /></Form.Item>
          </Form>
        </Modal>
      )}
    </Drawer>
  );
}
