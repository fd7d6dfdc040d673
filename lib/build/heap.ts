/**
 * How fast V8 may grow the build's heap. V8 lets it grow to up to four times what survived the
 * last full collection; a build makes garbage fast, so it took 1.9 GB at 3,000 articles for about
 * 0.5 GB of live data. Growing by 30% keeps small and middle-sized sites fast; once a collection
 * leaves more than {@link LARGE_LIVE_BYTES} alive, 15% keeps a large one under its memory budget.
 * Measured on 2 cores, cold builds with search:
 * - 1,000 articles (about 0.2 GB live): 30% 38–45 s, 555–585 MB; 15% 44–49 s, 530–545 MB.
 * - 3,000 articles: 30% 1,203–1,245 MB; 20% 1,157–1,169 MB; 15% 1,144 MB; 10% 1,117 MB, in about the
 *   same time.
 */
import { PerformanceObserver, constants } from 'node:perf_hooks';
import v8 from 'node:v8';

export const HEAP_GROWING_PERCENT = 30;
export const LARGE_HEAP_GROWING_PERCENT = 15;
export const LARGE_LIVE_BYTES = 300 * 1024 * 1024;

/**
 * Sets the growth for a small heap and returns what to call after each full collection: it
 * lowers the growth when the live heap is large, and then returns true (nothing more to watch).
 */
export function heapGrowth(setFlags: (flags: string) => void, liveBytes: () => number): () => boolean {
  setFlags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return () => {
    if (liveBytes() <= LARGE_LIVE_BYTES) return false;
    setFlags(`--heap-growing-percent=${LARGE_HEAP_GROWING_PERCENT}`);
    return true;
  };
}

/** Watches this process's full collections (V8 reads the flag at each one). */
export function watchHeapGrowth(): void {
  const afterFullCollection = heapGrowth((flags) => v8.setFlagsFromString(flags), () => v8.getHeapStatistics().used_heap_size);
  const observer = new PerformanceObserver((list) => {
    const entries = list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[];
    if (entries.some((e) => e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) && afterFullCollection()) observer.disconnect();
  });
  observer.observe({ entryTypes: ['gc'] });
}
