import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

export default function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('errorPages.notFound')}
      data-testid="page-404"
      extra={
        <Button type="primary" onClick={() => void navigate('/')} data-testid="back-home">
          {t('errorPages.backHome')}
        </Button>
      }
    />
  );
}
