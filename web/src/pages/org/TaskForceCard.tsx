import { Card, Descriptions, Divider, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TaskForce, TaskForcePosition } from '../../api/types';
import { MembersByPosition } from './MembersByPosition';

const TF_ORDER: readonly TaskForcePosition[] = ['leader', 'deputy', 'office_director', 'liaison_officer'];

export function TaskForceCard({ taskForce }: { taskForce: TaskForce }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={taskForce.name}
      style={{ height: '100%' }}
      data-testid={`org-taskforce-${taskForce.id}`}
    >
      <Descriptions
        size="small"
        column={1}
        styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}
        items={[
          { key: 'lead', label: t('org.leadDepartment'), children: taskForce.leadDepartmentName || t('common.none') },
          { key: 'office', label: t('org.officeLocation'), children: taskForce.officeLocation || t('common.none') },
          {
            key: 'resp',
            label: t('org.responsibilities'),
            children: (
              <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 3, expandable: 'collapsible' }}>
                {taskForce.responsibilities || t('common.none')}
              </Typography.Paragraph>
            ),
          },
        ]}
      />
      <Divider titlePlacement="start" plain style={{ margin: '8px 0' }}>
        {t('org.members')}
      </Divider>
      <MembersByPosition members={taskForce.members} order={TF_ORDER} labelPrefix="org.tfPositions" />
    </Card>
  );
}
