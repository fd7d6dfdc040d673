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
 * Runs a command's main function: its result is the exit code; a thrown error prints one line and
 * exits with `errorCode` (2 for the checkers, whose 1 means findings).
 */
export function runMain(main: () => Promise<number>, errorCode = 2): void {
  exitQuietlyOnClosedOutput();
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof ConfigError ? `設定: ${err.message}` : err instanceof Error ? err.message : String(err));
      process.exitCode = errorCode;
    },
  );
}
