/**
 * Threads for V8's background work (marking and sweeping the heap, compiling). Node starts four
 * whatever the machine. On two cores they competed with the build's own thread and with Pagefind's
 * process: a cold build of 1,000 articles used 8.8 s of CPU in those four threads, and with one it
 * took 15.97–16.50 s instead of 16.70–18.16 s (three runs each, alternating, `--force`). A build
 * therefore runs with one thread per core beyond its own, at most Node's four.
 */
export const POOL_FLAG = '--v8-pool-size';

/** The pool size for a machine of `cores` cores; undefined where it is Node's own. */
export function v8PoolSize(cores: number): number | undefined {
  const size = Math.min(4, Math.max(1, Math.floor(cores) - 1));
  return size === 4 ? undefined : size;
}

/**
 * The Node options to start the build again with, or undefined when this process may go on:
 * its pool is already chosen (by us or by the user, on the command line or in NODE_OPTIONS), or
 * Node's own suits the machine.
 */
export function restartOptions(execArgv: readonly string[], nodeOptions: string | undefined, cores: number): string[] | undefined {
  if ([...execArgv, ...(nodeOptions ?? '').split(/\s+/)].some((a) => a === POOL_FLAG || a.startsWith(`${POOL_FLAG}=`))) return undefined;
  const size = v8PoolSize(cores);
  return size === undefined ? undefined : [`${POOL_FLAG}=${size}`, ...execArgv];
}
