import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { meetsPasswordPolicy } from '../../lib/password';

/** Rules for a new password and its confirmation field. */
export function passwordRules(t: TFunction, label: string): FormRule[] {
  return [
    { required: true, message: t('common.required', { label }) },
    {
      validator: (_, value: string | undefined) =>
        !value || meetsPasswordPolicy(value) ? Promise.resolve() : Promise.reject(new Error(t('password.policyError'))),
    },
  ];
}

export function confirmRules(t: TFunction, label: string, field: string): FormRule[] {
  return [
    { required: true, message: t('common.required', { label }) },
    ({ getFieldValue }) => ({
      validator: (_, value: string | undefined) =>
        !value || value === getFieldValue(field) ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
    }),
  ];
}
