import { Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgMember } from '../../api/types';

interface Props<P extends string> {
  members: OrgMember<P>[];
  /** positions in display order */
  order: readonly P[];
  /** i18n key prefix of the position names, e.g. "org.positions" */
  labelPrefix: 'org.positions' | 'org.tfPositions';
  column?: number;
  testId?: string;
}

/** Members grouped by position: "组长: 张三（副市长）、…". */
export function MembersByPosition<P extends string>({ members, order, labelPrefix, column = 1, testId }: Props<P>) {
  const { t } = useTranslation();
  if (!members.length) return <Typography.Text type="secondary">{t('org.noMembers')}</Typography.Text>;

  const known = new Set<string>(order);
  const positions = [...order, ...Array.from(new Set(members.map((m) => m.position))).filter((p) => !known.has(p))];
  const items = positions
    .map((position) => ({ position, list: members.filter((m) => m.position === position) }))
    .filter((group) => group.list.length > 0)
    .map((group) => ({
      key: group.position,
      label: t(`${labelPrefix}.${group.position}` as 'org.positions.member', { defaultValue: group.position }),
      children: (
        <Space size={[6, 6]} wrap data-testid={testId ? `${testId}-${group.position}` : undefined}>
          {group.list.map((m, i) => (
            <Tag
              key={`${m.name}-${i}`}
              bordered={false}
              color="blue"
              // long titles wrap inside the card instead of running past its edge
              style={{ marginInlineEnd: 0, whiteSpace: 'normal', maxWidth: '100%' }}
            >
              {m.name}
              {m.title ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>（{m.title}）</Typography.Text> : null}
            </Tag>
          ))}
        </Space>
      ),
    }));

  return <Descriptions size="small" column={column} items={items} styles={{ label: { width: 120, whiteSpace: 'nowrap' } }} data-testid={testId} />;
}
