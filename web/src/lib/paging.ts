import type { TFunction } from 'i18next';
import type { CappedPage } from '../api/types';

/**
 * The table's "N in total" for a list whose total the server caps (platform/db/totals.ts): beyond
 * the cap it asks the user to narrow the list with the filters instead of paging through it.
 */
export function cappedShowTotal(t: TFunction, page: Pick<CappedPage<unknown>, 'totalCapped'> | undefined): (total: number) => string {
  return (total) => (page?.totalCapped ? t('common.totalCapped', { total }) : t('common.total', { total }));
}
