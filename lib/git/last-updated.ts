import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Last commit dates of the files of one git work tree. */
export interface GitDates {
  /** Absolute path of the work tree's top folder. */
  top: string;
  /** Path relative to `top` (forward slashes) → ISO date of the last commit that touched it. */
  dates: Map<string, string>;
}

/**
 * Parses `git log --format=%x00%cI --name-only` output (newest commit first) into each file's
 * last commit date.
 */
export function parseGitLog(output: string): Map<string, string> {
  const dates = new Map<string, string>();
  for (const chunk of output.split('\0')) {
    const lines = chunk.split('\n');
    const date = lines[0]?.trim();
    if (!date) continue;
    for (const line of lines.slice(1)) {
      const file = line.trim();
      if (file && !dates.has(file)) dates.set(file, date);
    }
  }
  return dates;
}

/** Reads the last commit date of every file under dir, or undefined when dir is not in a git work tree. */
export async function readGitDates(dir: string): Promise<GitDates | undefined> {
  try {
    const top = (await run('git', ['rev-parse', '--show-toplevel'], { cwd: dir })).stdout.trim();
    // quotepath=off: Japanese file names would otherwise come back octal-escaped.
    const { stdout } = await run('git', ['-c', 'core.quotepath=off', 'log', '--format=%x00%cI', '--name-only', '--no-renames', '--', '.'], {
      cwd: dir,
      maxBuffer: 512 * 1024 * 1024,
    });
    return { top, dates: parseGitLog(stdout) };
  } catch {
    return undefined;
  }
}
