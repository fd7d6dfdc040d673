import { ConfigError } from '../config/section';

/** `npm run check | head` closes the pipe early: stop writing and exit, without a stack trace. */
export function exitQuietlyOnClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
}

/**
 * Node ends a process whose event loop has nothing left to wait for with exit code 0, even while
 * its main function still waits on a promise that can no longer settle (a helper process that died
 * without a word): such an end is reported as a failure instead.
 */
export function failIfAbandoned(work: Promise<unknown>, errorCode: number): void {
  let settled = false;
  work.then(() => {
    settled = true;
  }, () => {
    settled = true;
  });
  process.once('beforeExit', () => {
    if (settled) return;
    console.error('処理が終わらないまま、待っていたものがなくなりました (ほかのプロセスが応答せずに終了した可能性があります)。もう一度実行してください。');
    process.exitCode = errorCode;
  });
}

/**
 * Runs a command's main function: its result is the exit code; a thrown error prints one line and
 * exits with `errorCode` (2 for the checkers, whose 1 means findings).
 */
export function runMain(main: () => Promise<number>, errorCode = 2): void {
  exitQuietlyOnClosedOutput();
  const work = main();
  failIfAbandoned(work, errorCode);
  work.then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof ConfigError ? `設定: ${err.message}` : err instanceof Error ? err.message : String(err));
      process.exitCode = errorCode;
    },
  );
}
