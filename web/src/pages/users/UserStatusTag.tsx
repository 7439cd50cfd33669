import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types';
import { formatTime, isInFuture } from '../../lib/time';

export function isLocked(user: Pick<User, 'lockedUntil'>): boolean {
  return isInFuture(user.lockedUntil);
}

export function UserStatusTag({ user }: { user: User }) {
  const { t } = useTranslation();
  if (user.disabled) return <Tag color="default">{t('users.statusDisabled')}</Tag>;
  if (isLocked(user))
    return (
      <Tooltip title={t('users.lockedUntil', { time: formatTime(user.lockedUntil) })}>
        <Tag color="error">{t('users.statusLocked')}</Tag>
      </Tooltip>
    );
  return <Tag color="success">{t('users.statusEnabled')}</Tag>;
}
