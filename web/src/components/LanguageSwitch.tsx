import { Button, Tooltip } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { setLanguage } from '../i18n';

interface Props {
  /** "text" inside the header, "default" on the login page */
  variant?: 'text' | 'default';
}

/** Toggles zh-CN ⇄ en-US; server data is refetched because its names and messages are localised. */
export function LanguageSwitch({ variant = 'text' }: Props) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const next = i18n.language === 'en-US' ? 'zh-CN' : 'en-US';

  const onClick = () => {
    void setLanguage(next).then(() => qc.invalidateQueries({ predicate: (q) => q.queryKey[1] !== 'totp' }));
  };

  return (
    <Tooltip title={t('lang.switchTitle')}>
      <Button type={variant} icon={<GlobalOutlined />} onClick={onClick} data-testid="lang-switch" lang={next}>
        {t('lang.switchTo')}
      </Button>
    </Tooltip>
  );
}
