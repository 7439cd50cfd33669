import { useEffect, useState } from 'react';
import { Card, Col, Empty, Flex, Row, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { findRegion, useRegions } from '../../api/org';
import { useCurrentUser } from '../../api/auth';
import { RegionLevelTag } from '../../components/RegionLevelTag';
import { RegionTreePanel } from './RegionTreePanel';
import { CommandPanel } from './CommandPanel';
import { DepartmentsTable } from './DepartmentsTable';

export default function OrgPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const regions = useRegions();
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [tab, setTab] = useState('command');

  // start on the user's own region (or the first root of the tree)
  useEffect(() => {
    if (selected || !regions.data?.length) return;
    setSelected(findRegion(regions.data, me.regionCode)?.code ?? regions.data[0]?.code);
  }, [regions.data, me.regionCode, selected]);

  const region = selected ? findRegion(regions.data, selected) : undefined;

  return (
    <Row gutter={16} data-testid="org-page" wrap={false}>
      <Col flex="320px">
        <RegionTreePanel regions={regions} selected={selected} onSelect={setSelected} />
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Card
          data-testid="org-detail"
          title={
            region ? (
              <Flex align="center" gap={4}>
                <span data-testid="org-region-title">{region.name}</span>
                <RegionLevelTag region={region} />
                <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontWeight: 400, fontSize: 13 }}>
                  {region.code}
                </Typography.Text>
              </Flex>
            ) : (
              t('org.regions')
            )
          }
        >
          {region ? (
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                {
                  key: 'command',
                  label: <span data-testid="org-tab-command">{t('org.tabCommand')}</span>,
                  children: <CommandPanel regionCode={region.code} />,
                },
                {
                  key: 'departments',
                  label: <span data-testid="org-tab-departments">{t('org.tabDepartments')}</span>,
                  children: <DepartmentsTable regionCode={region.code} />,
                },
              ]}
            />
          ) : (
            <Empty description={t('org.selectRegion')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
