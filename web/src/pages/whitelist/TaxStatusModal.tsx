import { App, Form, Modal, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { TAX_CREDIT_RATINGS, useSetTaxStatus, type TaxCreditRating, type WlEnterprise } from '../../api/whitelist';
import { useShowError } from '../../lib/errors';

interface Values {
  taxCreditRating?: TaxCreditRating;
  taxArrears: boolean;
}

/** The department records the tax bureau's rating and arrears of an enterprise (not the enterprise itself). */
export function TaxStatusModal({ e, onClose }: { e: WlEnterprise; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const save = useSetTaxStatus();
  const onFinish = (v: Values) =>
    save.mutate(
      // A cleared select gives undefined: send null so the rating is removed.
      { id: e.id, taxCreditRating: v.taxCreditRating ?? null, taxArrears: v.taxArrears },
      { onSuccess: () => { void message.success(t('wl.detail.taxStatusSaved')); onClose(); }, onError: (err) => showError(err, form) },
    );
  return (
    <Modal open title={t('wl.detail.setTaxStatus')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okButtonProps={{ 'data-testid': 'tax-status-submit' }}>
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={{ taxCreditRating: e.taxCreditRating ?? undefined, taxArrears: e.taxArrears }}>
        <Form.Item name="taxCreditRating" label={t('wl.field.taxCreditRating')}>
          <Select allowClear placeholder={t('wl.field.noTaxRating')} options={TAX_CREDIT_RATINGS.map((r) => ({ value: r, label: r }))} data-testid="tax-status-rating" />
        </Form.Item>
        <Form.Item name="taxArrears" label={t('wl.field.taxArrears')} valuePropName="checked">
          <Switch data-testid="tax-status-arrears" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
