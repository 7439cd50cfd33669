import { Card, Col, Descriptions, Empty, Flex, Row, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCommands } from '../../api/org';
import type { Command, CommandPosition } from '../../api/types';
import { QueryError } from '../../components/QueryError';
import { MembersByPosition } from './MembersByPosition';
import { TaskForceCard } from './TaskForceCard';

const COMMAND_ORDER: readonly CommandPosition[] = ['commander', 'first_deputy', 'deputy', 'member'];

function CommandView({ command }: { command: Command }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16} data-testid={`org-command-${command.id}`}>
      <Card size="small" type="inner" title={<span data-testid="org-command-name">{command.name}</span>}>
        <Descriptions
          size="small"
          column={2}
          styles={{ label: { width: 140, whiteSpace: 'nowrap' } }}
          items={[
            { key: 'office', label: t('org.officeDepartment'), children: command.officeDepartmentName || t('common.none') },
            { key: 'location', label: t('org.officeLocation'), children: command.officeLocation || t('common.none') },
          ]}
        />
        <Typography.Title level={5} style={{ marginTop: 12 }}>
          {t('org.commandMembers')}
        </Typography.Title>
        <MembersByPosition
          members={command.members}
          order={COMMAND_ORDER}
          labelPrefix="org.positions"
          testId="org-command-members"
        />
      </Card>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('org.taskForces', { count: command.taskForces.length })}
      </Typography.Title>
      {command.taskForces.length ? (
        <Row gutter={[16, 16]} data-testid="org-taskforces">
          {command.taskForces.map((tf) => (
            <Col key={tf.id} xs={24} xl={12}>
              <TaskForceCard taskForce={tf} />
            </Col>
          ))}
        </Row>
      ) : (
        <Empty description={t('org.noTaskForces')} />
      )}
    </Flex>
  );
}

/** The command(s) of a region, with members and task forces. */
export function CommandPanel({ regionCode }: { regionCode: string }) {
  const { t } = useTranslation();
  const commands = useCommands(regionCode);

  if (commands.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (commands.error) return <QueryError error={commands.error} onRetry={() => void commands.refetch()} />;
  if (!commands.data.length) return <Empty description={t('org.noCommand')} data-testid="org-no-command" />;
  return (
    <Flex vertical gap={24} data-testid="org-command">
      {commands.data.map((c) => (
        <CommandView key={c.id} command={c} />
      ))}
    </Flex>
  );
}
