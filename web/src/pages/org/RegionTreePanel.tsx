import { useMemo, useState, type Key } from 'react';
import { Card, Input, Skeleton, Tree } from 'antd';
import type { TreeDataNode } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RegionNode } from '../../api/types';
import { RegionLevelTag } from '../../components/RegionLevelTag';
import { QueryError } from '../../components/QueryError';

interface Props {
  regions: UseQueryResult<RegionNode[]>;
  selected: string | undefined;
  onSelect: (code: string) => void;
}

/** Keeps the nodes whose name matches, with their ancestors; a matching node keeps its whole subtree. */
function filterTree(nodes: RegionNode[], term: string): RegionNode[] {
  if (!term) return nodes;
  const out: RegionNode[] = [];
  for (const node of nodes) {
    if (node.name.includes(term) || node.code.startsWith(term)) {
      out.push(node);
      continue;
    }
    const children = filterTree(node.children, term);
    if (children.length) out.push({ ...node, children });
  }
  return out;
}

function toTreeData(nodes: RegionNode[]): TreeDataNode[] {
  return nodes.map((node) => ({
    key: node.code,
    title: (
      <span data-testid={`org-region-${node.code}`}>
        {node.name}
        <RegionLevelTag region={node} />
      </span>
    ),
    children: toTreeData(node.children),
    isLeaf: node.children.length === 0,
  }));
}

function allKeys(nodes: RegionNode[]): string[] {
  return nodes.flatMap((n) => (n.children.length ? [n.code, ...allKeys(n.children)] : []));
}

export function RegionTreePanel({ regions, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const [term, setTerm] = useState('');
  const [expanded, setExpanded] = useState<Key[] | null>(null);

  const filtered = useMemo(() => filterTree(regions.data ?? [], term.trim()), [regions.data, term]);
  const treeData = useMemo(() => toTreeData(filtered), [filtered]);
  const defaultExpanded = useMemo(() => (regions.data ?? []).map((n) => n.code), [regions.data]);
  const expandedKeys = term.trim() ? allKeys(filtered) : (expanded ?? defaultExpanded);

  return (
    <Card
      title={t('org.regions')}
      styles={{ body: { padding: 12, maxHeight: 'calc(100vh - 190px)', overflow: 'auto' } }}
      data-testid="org-tree-card"
    >
      <Input.Search
        allowClear
        placeholder={t('org.searchRegion')}
        value={term}
        onChange={(e) => setTerm(e.target.value)}
        style={{ marginBottom: 8 }}
        data-testid="org-tree-search"
      />
      {regions.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : regions.error ? (
        <QueryError error={regions.error} onRetry={() => void regions.refetch()} />
      ) : (
        <Tree
          className="sibao-tree"
          data-testid="org-tree"
          treeData={treeData}
          blockNode
          showLine
          selectedKeys={selected ? [selected] : []}
          expandedKeys={expandedKeys}
          onExpand={(keys) => setExpanded(keys)}
          onSelect={(keys) => {
            const key = keys[0];
            if (key !== undefined) onSelect(String(key));
          }}
        />
      )}
    </Card>
  );
}
