import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What git knows about the files of one work tree. */
export interface GitDates {
  /** Absolute path of the work tree's top folder. */
  top: string;
  /** Path relative to `top` (forward slashes) → ISO date of the last commit that touched it. */
  dates: Map<string, string>;
  /** Path relative to `top` → the names of the commit authors who touched it, first contributor first. */
  authors: Map<string, string[]>;
}

/**
 * Parses `git log --format=%x00%cI%x09%aN --name-only` output (newest commit first) into each
 * file's last commit date and its authors.
 */
export function parseGitLog(output: string): Pick<GitDates, 'dates' | 'authors'> {
  const dates = new Map<string, string>();
  const authors = new Map<string, string[]>();
  for (const chunk of output.split('\0')) {
    const lines = chunk.split('\n');
    const [date, author] = (lines[0] ?? '').split('\t').map((s) => s.trim());
    if (!date) continue;
    for (const line of lines.slice(1)) {
      const file = line.trim();
      if (!file) continue;
      if (!dates.has(file)) dates.set(file, date);
      if (!author) continue;
      const names = authors.get(file) ?? [];
      // Newest first here: an author seen again moves back, so the first contributor ends up last.
      const at = names.indexOf(author);
      if (at >= 0) names.splice(at, 1);
      names.push(author);
      authors.set(file, names);
    }
  }
  for (const names of authors.values()) names.reverse();
  return { dates, authors };
}

/** Reads the last commit date and the authors of every file under dir, or undefined when dir is not in a git work tree. */
export async function readGitDates(dir: string): Promise<GitDates | undefined> {
  try {
    const top = (await run('git', ['rev-parse', '--show-toplevel'], { cwd: dir })).stdout.trim();
    // quotepath=off: Japanese file names would otherwise come back octal-escaped.
    const { stdout } = await run('git', ['-c', 'core.quotepath=off', 'log', '--format=%x00%cI%x09%aN', '--name-only', '--no-renames', '--', '.'], {
      cwd: dir,
      maxBuffer: 512 * 1024 * 1024,
    });
    return { top, ...parseGitLog(stdout) };
  } catch {
    return undefined;
  }
}
