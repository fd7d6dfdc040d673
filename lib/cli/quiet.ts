import { stripVTControlCharacters } from 'node:util';

// What the theme and Hexo print on every build that says nothing about the site: icarus's banner
// and its start-up checks, each file written, timings the runner reports itself.
const NOISE = /^(?:INFO {2})?(?:=+|[ █╗╔╝║╚═]+|=== .* ===|Validating config|Config based on \d+ files|Start processing|Generated: .*|Files loaded in .*|\d+ files generated in .*|Deleted database\.)$/;

/** Whether a line of output is build noise. */
export function isNoise(line: string): boolean {
  const plain = stripVTControlCharacters(line).trimEnd();
  return plain !== '' && NOISE.test(plain);
}

/**
 * Leaves build noise out of this process's standard output (the theme logs through a logger of
 * its own, so only the stream is common to all). Partial lines are held until they end.
 */
export function quietOutput(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
  let pending = '';
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const end = pending.lastIndexOf('\n');
    if (end < 0) return true;
    const lines = pending.slice(0, end + 1).split(/(?<=\n)/);
    pending = pending.slice(end + 1);
    const kept = lines.filter((l) => !isNoise(l.replace(/\n$/, ''))).join('');
    return kept ? write(kept, ...rest) : true;
  }) as typeof stream.write;
}
