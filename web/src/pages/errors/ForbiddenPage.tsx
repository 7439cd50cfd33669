import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

export default function ForbiddenPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('errorPages.forbidden')}
      data-testid="page-403"
      extra={
        <Button type="primary" onClick={() => void navigate('/')} data-testid="back-home">
          {t('errorPages.backHome')}
        </Button>
      }
    />
  );
}
