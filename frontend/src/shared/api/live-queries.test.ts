import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetLiveQueriesForTests, throttledInvalidate } from './live-queries';

describe('throttled invalidation of live queries', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    resetLiveQueriesForTests();
    vi.useRealTimers();
  });

  it('refetches at once, then at most once per window however many events arrive', () => {
    const client = new QueryClient();
    const spy = vi.spyOn(client, 'invalidateQueries').mockResolvedValue();
    const t0 = Date.now();
    throttledInvalidate(client, ['stats'], 1000, t0);
    expect(spy).toHaveBeenCalledTimes(1);
    for (let i = 1; i <= 50; i++) throttledInvalidate(client, ['stats'], 1000, t0 + i * 10);
    expect(spy).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    // The events of the window are not lost: one trailing refetch covers them all.
    expect(spy).toHaveBeenCalledTimes(2);
    expect(spy).toHaveBeenLastCalledWith({ queryKey: ['stats'] });
  });

  it('throttles each query on its own', () => {
    const client = new QueryClient();
    const spy = vi.spyOn(client, 'invalidateQueries').mockResolvedValue();
    const t0 = Date.now();
    throttledInvalidate(client, ['stats'], 1000, t0);
    throttledInvalidate(client, ['monitoring'], 1000, t0);
    expect(spy.mock.calls.map((c) => c[0])).toEqual([{ queryKey: ['stats'] }, { queryKey: ['monitoring'] }]);
  });
});
