import { useCallback } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** The message to show for any thrown value; server messages are already localised. */
export function errorMessage(error: unknown, fallback: string): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return fallback;
}

/**
 * Puts a server error on the form field it names ("body.password" → field "password").
 * Returns true when the form has such a field and the error was placed there.
 */
export function applyFieldError<T>(form: FormInstance<T> | undefined, error: unknown): boolean {
  if (!form || !(error instanceof ApiError)) return false;
  const name = error.fieldName;
  if (!name) return false;
  const registered = Object.prototype.hasOwnProperty.call(form.getFieldsValue(), name);
  if (!registered) return false;
  form.setFields([{ name: name as never, errors: [error.message] }]);
  return true;
}

/**
 * Returns a function that shows a server error: on the named form field when there is one,
 * otherwise as a message toast.
 */
export function useShowError(): <T>(error: unknown, form?: FormInstance<T>) => void {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    <T,>(error: unknown, form?: FormInstance<T>) => {
      if (applyFieldError(form, error)) return;
      void message.error(errorMessage(error, t('errors.loadFailed')));
    },
    [message, t],
  );
}
