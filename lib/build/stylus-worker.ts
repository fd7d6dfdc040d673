/** The worker thread that compiles stylesheets for lib/hexo/stylesheet.ts (lib/build/stylus-compile.ts). */
import { parentPort } from 'node:worker_threads';
import { compileStylus, type StylusJob, type StylusReply } from './stylus-compile';

parentPort?.on('message', (job: StylusJob) => {
  compileStylus(job).then(
    (css) => parentPort!.postMessage({ id: job.id, css } satisfies StylusReply),
    (err: unknown) => parentPort!.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) } satisfies StylusReply),
  );
});
