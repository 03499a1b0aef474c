import { create } from 'zustand';
import { DEFAULT_RUN_SORT, toggleSort, type RunSort, type RunSortKey } from '@renderer/stores/runs-table';

/** The runs table's sort and filter; kept here so they survive switching pages. */
export interface RunsViewState {
  readonly sort: RunSort;
  readonly activeOnly: boolean;
}

export const useRunsViewStore = create<RunsViewState>()(() => ({
  sort: DEFAULT_RUN_SORT,
  activeOnly: false,
}));

export function sortRunsBy(key: RunSortKey): void {
  useRunsViewStore.setState((s) => ({ sort: toggleSort(s.sort, key) }));
}

export function setActiveOnly(activeOnly: boolean): void {
  useRunsViewStore.setState({ activeOnly });
}
