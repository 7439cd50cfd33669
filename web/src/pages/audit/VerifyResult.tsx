import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditVerifyResult } from '../../api/types';
import { formatTime } from '../../lib/time';

/** Outcome of POST /api/audit/verify: green when intact, red with where and why it broke. */
export function VerifyResult({ result, onClose }: { result: AuditVerifyResult; onClose: () => void }) {
  const { t } = useTranslation();
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        closable={{ onClose }}
        title={t('audit.verifyOk')}
        description={t('audit.verifyOkDesc', { count: result.checked })}
        data-testid="audit-verify-result"
        data-ok="true"
      />
    );
  }
  const broken = result.brokenAt;
  return (
    <Alert
      type="error"
      showIcon
      closable={{ onClose }}
      title={t('audit.verifyBroken')}
      description={
        broken ? (
          <>
            <div>{t('audit.verifyBrokenDesc', { id: broken.id, at: formatTime(broken.at), count: result.checked })}</div>
            <div>{t('audit.verifyReason', { reason: broken.reason })}</div>
          </>
        ) : null
      }
      data-testid="audit-verify-result"
      data-ok="false"
    />
  );
}
