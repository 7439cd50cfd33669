import type { HTMLAttributes } from 'react';

/** onRow props for a table row with a stable test id. */
export function rowTestId(id: string): HTMLAttributes<HTMLElement> & { 'data-testid': string } {
  return { 'data-testid': id };
}
