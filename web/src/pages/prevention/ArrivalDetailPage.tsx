import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Space, Tag } from 'antd';
import { ArrowLeftOutlined, EyeOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useArrival, useRevealArrival } from '../../api/prevention-reports';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import { ARRIVAL_COLOR, DecisionText } from './arrival-shared';

/** One arrival report: the person (masked), the trip, the decision and where it stands. */
export default function ArrivalDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const showError = useShowError();
  const arrival = useArrival(id);
  const reveal = useRevealArrival();
  const [asking, setAsking] = useState(false);
  const [form] = Form.useForm<{ purpose: string }>();
  const a = arrival.data;
  if (arrival.error && !a) return <QueryError error={arrival.error} onRetry={() => void arrival.refetch()} />;
  return (
    <Card title={t('prevRep.arrivals.detail')} loading={arrival.isLoading} data-testid="arrival-detail"
      extra={<Space>
        {a?.actions.includes('reveal') && !reveal.data && <Button icon={<EyeOutlined />} onClick={() => setAsking(true)}>{t('prevRep.arrivals.reveal')}</Button>}
        <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/prevention/arrivals')}>{t('prevRep.arrivals.back')}</Button>
      </Space>}>
      {a && (
        <>
          {a.late && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`${t('prevRep.arrivals.late')} · ${t(`prevRep.arrivals.sources.${a.source}`)}`} />}
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label={t('prevRep.arrivals.name')}>{a.name}{a.onRoster && <Tag style={{ marginLeft: 8 }}>{t('prevRep.arrivals.onRoster')}</Tag>}</Descriptions.Item>
            <Descriptions.Item label={t('prevRep.arrivals.personKind')}>{t(`prevRep.arrivals.personKinds.${a.personKind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('prevRep.arrivals.idCard')}>{reveal.data?.idCard ?? a.idCardMasked}</Descriptions.Item>
            <Descriptions.Item label={t('prevRep.arrivals.phone')}>{reveal.data ? (reveal.data.phone ?? '—') : (a.phoneMasked ?? '—')}</Descriptions.Item>
            <Descriptions.Item label={t('prevRep.arrivals.enterprise')}>{a.enterpriseName}（{a.regionName}）</Descriptions.Item>
            <Descriptions.Item label={t('prevRep.arrivals.originName')}>{a.originName}（{a.originCode}）</Descriptions.Item>
            <Descriptions.Item label={t('prevRep.arrivals.route')} span={2}>{a.route}</Descriptions.Item>
            <Descriptions.Item label={t('prevRep.arrivals.arrivalAt')}>{formatTime(a.arrivalAt)}</Descriptions.Item>
            <Descriptions.Item label={t('prevRep.arrivals.purpose')}>{a.purpose}</Descriptions.Item>
            <Descriptions.Item label={t('prevRep.arrivals.decision')} span={2}><DecisionText a={a} /></Descriptions.Item>
            <Descriptions.Item label={t('prevRep.arrivals.status')}><Tag color={ARRIVAL_COLOR[a.status]}>{t(`prevRep.arrivals.statuses.${a.status}`)}</Tag></Descriptions.Item>
            <Descriptions.Item label={t('prevRep.arrivals.source')}>{t(`prevRep.arrivals.sources.${a.source}`)}</Descriptions.Item>
            <Descriptions.Item label={t('prevRep.arrivals.reportedBy')}>{a.reportedBy ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('prevRep.arrivals.reportedAt')}>{formatTime(a.reportedAt)}</Descriptions.Item>
          </Descriptions>
        </>
      )}
      {asking && a && (
        <Modal open title={t('prevRep.arrivals.revealTitle')} onCancel={() => setAsking(false)} onOk={() => form.submit()} confirmLoading={reveal.isPending}>
          <Alert type="warning" showIcon title={t('prevRep.arrivals.revealHint')} style={{ marginBottom: 16 }} />
          <Form form={form} layout="vertical" onFinish={(v) => reveal.mutate({ id: a.id, purpose: v.purpose }, { onSuccess: () => setAsking(false), onError: (err) => showError(err, form) })}>
            <Form.Item name="purpose" label={t('prevRep.arrivals.revealPurpose')} rules={[{ required: true, min: 2, message: t('common.required', { label: t('prevRep.arrivals.revealPurpose') }) }]}><Input maxLength={200} /></Form.Item>
          </Form>
        </Modal>
      )}
    </Card>
  );
}
