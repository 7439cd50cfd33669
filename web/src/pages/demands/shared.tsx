import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Demand, DemandState } from '../../api/demands';

const STATE_COLORS: Record<DemandState, string> = {
  received: 'gold',
  dispatched: 'blue',
  accepted: 'geekblue',
  sent_back: 'orange',
  in_progress: 'processing',
  answered: 'cyan',
  revisited: 'purple',
  verified: 'lime',
  closed: 'default',
};

export function StateTag({ state }: { state: DemandState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLORS[state]}>{t(`demands.states.${state}`)}</Tag>;
}

/** The state and the flags a dispatcher scans for: overdue, escalated, major. */
export function DemandTags({ d }: { d: Demand }) {
  const { t } = useTranslation();
  return (
    <>
      <StateTag state={d.state} />
      {d.overdue && <Tag color="red">{t('demands.overdueTag')}</Tag>}
      {d.escalated && <Tag color="volcano">{t('demands.escalatedTag')}</Tag>}
      {d.major && <Tag color="magenta">{t('demands.majorTag')}</Tag>}
    </>
  );
}
