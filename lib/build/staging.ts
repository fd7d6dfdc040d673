/**
 * Where builds are written and how one is published. Each build writes a folder of its own under
 * `.build/work/`; publishing moves it to `.build/sites/` and points `public` (a symbolic link) at it
 * with one rename, so `public` is always a complete site, old or new, whenever the process dies.
 * Folders that no running build owns are removed when the next build starts.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { alive, faultAt } from './process';

export interface Staging {
  /** The folder this build writes the site into. */
  dir: string;
  /** A scratch folder of this build on the same disk (search index parts). */
  scratch: string;
}

const id = () => `${process.pid}-${Date.now()}`;

/** The pid of the build that created a work folder (`<pid>-<time>`). */
function owner(name: string): number | undefined {
  const pid = Number(/^(\d+)-/.exec(name)?.[1]);
  return Number.isInteger(pid) ? pid : undefined;
}

/** The site folder `public` points at, if it is our link. */
export async function published(publicDir: string): Promise<string | undefined> {
  const target = await fs.readlink(publicDir).catch(() => undefined);
  return target === undefined ? undefined : path.resolve(path.dirname(publicDir), target);
}

/**
 * Removes what earlier builds left behind: work folders of builds that are no longer running,
 * published sites other than the current one, half-made links.
 */
export async function cleanStale(root: string, publicDir: string): Promise<void> {
  const current = await published(publicDir);
  const work = path.join(root, 'work');
  for (const name of await fs.readdir(work).catch(() => [] as string[])) {
    const pid = owner(name);
    if (pid === undefined || pid === process.pid || !alive(pid)) await fs.rm(path.join(work, name), { recursive: true, force: true });
  }
  const sites = path.join(root, 'sites');
  for (const name of await fs.readdir(sites).catch(() => [] as string[])) {
    const full = path.join(sites, name);
    const pid = owner(name);
    // A site another running build just published may not be linked yet.
    if (full !== current && !(pid !== undefined && pid !== process.pid && alive(pid))) await fs.rm(full, { recursive: true, force: true });
  }
  const parent = path.dirname(publicDir);
  for (const name of await fs.readdir(parent).catch(() => [] as string[])) {
    if (name.startsWith(`.${path.basename(publicDir)}.link-`)) await fs.rm(path.join(parent, name), { force: true });
  }
  for (const name of await fs.readdir(root).catch(() => [] as string[])) {
    const pid = Number(/^override-(\d+)\.yml$/.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) await fs.rm(path.join(root, name), { force: true });
  }
  await removeIfEmpty(work);
  await removeIfEmpty(sites);
  await removeIfEmpty(root);
}

async function removeIfEmpty(dir: string): Promise<void> {
  await fs.rmdir(dir).catch(() => undefined);
}

/**
 * Puts a published file at `to` as the same file (a hard link: published files never change),
 * or a copy where the disk cannot link.
 */
export async function linkPublished(from: string, to: string): Promise<void> {
  await fs.mkdir(path.dirname(to), { recursive: true });
  await fs.link(from, to).catch(() => fs.copyFile(from, to));
}

/** Writes a file through a temporary one in the same folder, so it is either old or new. */
export async function writeAtomically(file: string, data: string | Buffer): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  await fs.writeFile(temp, data);
  await fs.rename(temp, file);
}

/** Creates this build's work folders. */
export async function startStaging(root: string): Promise<Staging> {
  const name = id();
  const dir = path.join(root, 'work', name, 'site');
  const scratch = path.join(root, 'work', name, 'scratch');
  await fs.mkdir(dir, { recursive: true });
  await fs.mkdir(scratch, { recursive: true });
  return { dir, scratch };
}

/** Removes this build's work folders (a failed build leaves nothing behind). */
export async function dropStaging(root: string, staging: Staging): Promise<void> {
  await fs.rm(path.dirname(staging.dir), { recursive: true, force: true });
  await removeIfEmpty(path.join(root, 'work'));
  await removeIfEmpty(root);
}

/**
 * Publishes a finished build: moves it among the sites, then replaces the `public` link in one
 * rename. A `public` that is a real folder (from an older version) is moved aside first.
 */
export async function publish(root: string, staging: Staging, publicDir: string): Promise<void> {
  const sites = path.join(root, 'sites');
  await fs.mkdir(sites, { recursive: true });
  const site = path.join(sites, path.basename(path.dirname(staging.dir)));
  await fs.rename(staging.dir, site);
  await fs.rm(path.dirname(staging.dir), { recursive: true, force: true });
  faultAt('before-switch');
  const previous = await published(publicDir);
  const stat = await fs.lstat(publicDir).catch(() => undefined);
  if (stat && !stat.isSymbolicLink()) await fs.rename(publicDir, path.join(sites, `moved-${id()}`));
  const link = path.join(path.dirname(publicDir), `.${path.basename(publicDir)}.link-${id()}`);
  await fs.symlink(path.relative(path.dirname(publicDir), site), link, 'dir');
  await fs.rename(link, publicDir);
  faultAt('after-switch');
  if (previous && previous !== site) await fs.rm(previous, { recursive: true, force: true });
  await removeIfEmpty(path.join(root, 'work'));
}
