import { useCallback, useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Grade } from '@image-health/plugin-image-health-common';
import {
  SCORECARD_POLICY_FILTERS,
  SCORECARD_SORT_FIELDS,
  type ScorecardQuery,
  type ScorecardSortField,
} from '../../api';
import { GRADES } from '../common';
import type { ScorecardFilterValues } from './ScorecardFilters';

/** What the scorecard shows: filters, sorting and paging, kept in the URL. */
export interface ScorecardView {
  filters: ScorecardFilterValues;
  sort: ScorecardSortField;
  order: 'asc' | 'desc';
  /** Zero-based; the URL counts from 1, as people do. */
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [20, 50, 100];

export const DEFAULT_VIEW: ScorecardView = {
  filters: {},
  sort: 'score',
  order: 'asc',
  page: 0,
  pageSize: PAGE_SIZES[0],
};

const TEXT_FILTERS = [
  'owner',
  'kind',
  'type',
  'lifecycle',
  'system',
  'q',
] as const;

/** The backend refuses offsets beyond this; a page past it is not a page. */
const MAX_OFFSET = 1_000_000;

/** Every query parameter the scorecard owns, in the order it writes them. */
const PARAMS = [
  ...TEXT_FILTERS,
  'grade',
  'policy',
  'sort',
  'order',
  'page',
  'pageSize',
] as const;

function gradeFrom(text: string | null): Grade | undefined {
  const upper = text?.trim().toLocaleUpperCase('en-US');
  return GRADES.find(grade => grade === upper);
}

function wholeNumber(text: string | null): number | undefined {
  return text && /^\d{1,7}$/.test(text) ? Number(text) : undefined;
}

/**
 * Reads the view from a query string. A value that cannot be meant (an
 * unknown grade or sort, a page that is not a positive number) is left out,
 * so an edited or stale link still opens a working scorecard.
 */
export function parseScorecardView(params: URLSearchParams): ScorecardView {
  const filters: ScorecardFilterValues = {};
  for (const key of TEXT_FILTERS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  const grade = gradeFrom(params.get('grade'));
  if (grade) filters.grade = grade;
  const policy = SCORECARD_POLICY_FILTERS.find(p => p === params.get('policy'));
  if (policy) filters.policy = policy;

  const sort =
    SCORECARD_SORT_FIELDS.find(field => field === params.get('sort')) ??
    DEFAULT_VIEW.sort;
  const orderParam = params.get('order');
  const order =
    orderParam === 'asc' || orderParam === 'desc'
      ? orderParam
      : DEFAULT_VIEW.order;
  const sizeParam = wholeNumber(params.get('pageSize'));
  const pageSize =
    sizeParam !== undefined && PAGE_SIZES.includes(sizeParam)
      ? sizeParam
      : DEFAULT_VIEW.pageSize;
  const pageParam = wholeNumber(params.get('page'));
  const page =
    pageParam && (pageParam - 1) * pageSize <= MAX_OFFSET ? pageParam - 1 : 0;

  return { filters, sort, order, page, pageSize };
}

/**
 * Writes the view into a copy of `current`, leaving parameters the scorecard
 * does not own alone, and defaults out so a plain visit keeps a plain URL.
 */
export function writeScorecardView(
  view: ScorecardView,
  current: URLSearchParams,
): URLSearchParams {
  const params = new URLSearchParams(current);
  for (const key of PARAMS) params.delete(key);
  for (const key of [...TEXT_FILTERS, 'grade', 'policy'] as const) {
    const value = view.filters[key];
    if (value) params.set(key, value);
  }
  if (view.sort !== DEFAULT_VIEW.sort) params.set('sort', view.sort);
  if (view.order !== DEFAULT_VIEW.order) params.set('order', view.order);
  if (view.page > 0) params.set('page', String(view.page + 1));
  if (view.pageSize !== DEFAULT_VIEW.pageSize) {
    params.set('pageSize', String(view.pageSize));
  }
  return params;
}

/** The backend query that shows `view`. */
export function scorecardQuery(view: ScorecardView): ScorecardQuery {
  return {
    ...view.filters,
    sort: view.sort,
    order: view.order,
    offset: view.page * view.pageSize,
    limit: view.pageSize,
  };
}

/**
 * The scorecard's view, read from and written to the URL's query string, so
 * a reload, the back button and a shared link show the same rows.
 * `replace` changes the URL without a new history entry (for typing).
 */
export function useScorecardView(): [
  ScorecardView,
  (view: ScorecardView, options?: { replace?: boolean }) => void,
] {
  const [searchParams, setSearchParams] = useSearchParams();
  const view = useMemo(() => parseScorecardView(searchParams), [searchParams]);

  const setView = useCallback(
    (next: ScorecardView, options?: { replace?: boolean }) => {
      const params = writeScorecardView(next, searchParams);
      // Picking what is already shown adds no history entry.
      if (params.toString() === searchParams.toString()) return;
      setSearchParams(params, { replace: options?.replace });
    },
    [searchParams, setSearchParams],
  );

  // Drop what was ignored, so the address bar shows what the page shows.
  useEffect(() => {
    const canonical = writeScorecardView(view, searchParams);
    if (canonical.toString() !== searchParams.toString()) {
      setSearchParams(canonical, { replace: true });
    }
  }, [view, searchParams, setSearchParams]);

  return [view, setView];
}
