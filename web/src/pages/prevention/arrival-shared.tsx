import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Arrival, ArrivalStatus } from '../../api/prevention-reports';
import { formatTime } from '../../lib/time';

export const ARRIVAL_COLOR: Record<ArrivalStatus, string> = { quarantine: 'red', released: 'default', awaiting_test: 'orange', tested: 'green', overdue: 'volcano' };

/** The decision on an arrival: red code and central quarantine, or a green code and a test by a deadline. */
export function DecisionText({ a }: { a: Arrival }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tag color={a.healthCode === 'red' ? 'red' : 'green'}>{t(`prevRep.arrivals.${a.healthCode}`)}</Tag>
      {a.decision === 'quarantine' ? t('prevRep.arrivals.quarantine', { until: formatTime(a.quarantineUntil) }) : t('prevRep.arrivals.test', { due: formatTime(a.testDueAt) })}
    </Space>
  );
}
