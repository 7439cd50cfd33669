import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RegionNode } from '../api/types';

const COLORS: Record<string, string> = { province: 'red', city: 'blue', county: 'green', functional: 'purple' };

/** 省 / 市 / 县, or 功能区 for a functional zone. */
export function RegionLevelTag({ region }: { region: Pick<RegionNode, 'level' | 'kind'> }) {
  const { t } = useTranslation();
  const key = region.kind === 'functional' ? 'functional' : region.level;
  return (
    <Tag color={COLORS[key]} bordered={false} style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
      {t(`level.${key}`)}
    </Tag>
  );
}
