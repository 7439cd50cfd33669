import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors';

interface Props {
  error: unknown;
  onRetry?: () => void;
}

/** A failed load: the server's message and a retry button. */
export function QueryError({ error, onRetry }: Props) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      data-testid="query-error"
      title={t('errors.loadFailed')}
      description={errorMessage(error, t('errors.loadFailed'))}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
