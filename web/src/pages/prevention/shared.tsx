import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ComplianceStatus } from '../../api/prevention';

const COLOR: Record<ComplianceStatus, string> = { compliant: 'green', due_soon: 'orange', overdue: 'red' };

export function ComplianceTag({ status }: { status: ComplianceStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLOR[status]} data-testid={`compliance-${status}`}>{t(`prev.compliance.${status}`)}</Tag>;
}
