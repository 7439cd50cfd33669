import { useState } from 'react';
import { Button, Space, Tooltip } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Demand } from '../../api/demands';
import { useShowError } from '../../lib/errors';

/**
 * The demand's contact phone, masked as the server sends it; a party of the demand (the server
 * says so in contactRevealable) may read it in clear, and each such read is audited.
 */
export function ContactPhone({ d }: { d: Demand }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [clear, setClear] = useState<string | null>(null);
  const reveal = useMutation({ mutationFn: () => api.post<{ contactPhone: string }>(`/api/demands/${encodeURIComponent(d.id)}/reveal-contact`, {}) });
  return (
    <Space size="small">
      <span data-testid="demand-contact-phone">{clear ?? d.contactPhone}</span>
      {d.contactRevealable && clear === null && (
        <Tooltip title={t('demands.detail.revealHint')}>
          <Button size="small" type="link" loading={reveal.isPending} data-testid="demand-reveal-phone" onClick={() => reveal.mutate(undefined, { onSuccess: (r) => setClear(r.contactPhone), onError: (e) => showError(e) })}>
            {t('demands.detail.reveal')}
          </Button>
        </Tooltip>
      )}
    </Space>
  );
}
