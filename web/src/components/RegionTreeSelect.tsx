import { useMemo, type CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import { useRegions } from '../api/org';
import type { RegionNode } from '../api/types';

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}

function toOptions(nodes: RegionNode[]): TreeOption[] {
  return nodes.map((n) => ({ value: n.code, title: n.name, children: toOptions(n.children) }));
}

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  testId?: string;
  style?: CSSProperties;
  disabled?: boolean;
}

/** Region picker over the caller's region tree (GET /api/org/regions). */
export function RegionTreeSelect({ value, onChange, placeholder, allowClear = true, testId, style, disabled }: Props) {
  const { data, isLoading } = useRegions();
  const treeData = useMemo(() => toOptions(data ?? []), [data]);
  const rootCodes = useMemo(() => (data ?? []).map((n) => n.code), [data]);
  return (
    <TreeSelect<string>
      data-testid={testId}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={treeData}
      loading={isLoading}
      placeholder={placeholder}
      allowClear={allowClear}
      disabled={disabled}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={rootCodes}
      popupMatchSelectWidth={false}
      style={style}
    />
  );
}
