import { Card, Col, Row, Typography } from 'antd';
import { CarOutlined, FileProtectOutlined, MedicineBoxOutlined, ToolOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

const ITEMS = [
  { key: 'production', icon: <ToolOutlined />, color: '#1d4ed8' },
  { key: 'logistics', icon: <CarOutlined />, color: '#0f766e' },
  { key: 'policy', icon: <FileProtectOutlined />, color: '#c2410c' },
  { key: 'prevention', icon: <MedicineBoxOutlined />, color: '#b91c1c' },
] as const;

/** The four guarantees the platform serves. */
export function GuaranteesCard() {
  const { t } = useTranslation();
  return (
    <Card title={t('home.guarantees.title')} style={{ height: '100%' }}>
      <Row gutter={[12, 12]}>
        {ITEMS.map((item) => (
          <Col key={item.key} span={12}>
            <Card size="small" variant="borderless" style={{ background: `${item.color}0d` }}>
              <Typography.Text strong style={{ color: item.color, fontSize: 15 }}>
                {item.icon} <span style={{ marginInlineStart: 6 }}>{t(`home.guarantees.${item.key}`)}</span>
              </Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
