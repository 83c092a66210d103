import { useCallback, useState } from 'react';
import type { ContactFilter, Selection } from '../api/contacts';

/**
 * Which contacts a bulk action targets: rows ticked (kept across pages of the same filter), or every
 * contact the filter matches ("all N matching", sent to the server as the filter itself, never as ids).
 */
export type SelectionState = { mode: 'ids'; ids: ReadonlySet<string> } | { mode: 'all' };

export function useContactSelection() {
  const [state, setState] = useState<SelectionState>({ mode: 'ids', ids: new Set() });
  const clear = useCallback(() => setState({ mode: 'ids', ids: new Set() }), []);
  const toggle = useCallback((id: string) => {
    setState((s) => {
      const ids = new Set(s.mode === 'ids' ? s.ids : []);
      if (ids.has(id)) ids.delete(id);
      else ids.add(id);
      return { mode: 'ids', ids };
    });
  }, []);
  const setPage = useCallback((pageIds: string[], on: boolean) => {
    setState((s) => {
      const ids = new Set(s.mode === 'ids' ? s.ids : []);
      pageIds.forEach((id) => (on ? ids.add(id) : ids.delete(id)));
      return { mode: 'ids', ids };
    });
  }, []);
  const selectAllMatching = useCallback(() => setState({ mode: 'all' }), []);
  return { state, clear, toggle, setPage, selectAllMatching };
}
export type ContactSelection = ReturnType<typeof useContactSelection>;

export function isSelected(state: SelectionState, id: string) {
  return state.mode === 'all' || state.ids.has(id);
}

export function toRequest(state: SelectionState, filter: ContactFilter): Selection {
  return state.mode === 'all' ? { kind: 'filter', filter } : { kind: 'ids', ids: [...state.ids] };
}
