/**
 * `npm run new -- "タイトル" [--area AzureVMBackup] [--name File_Name] [--tag タグ]...`
 * Writes source/_posts/<area>/<name>.md from scaffolds/post.md and creates its asset folder.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { configFiles, loadSiteOptions } from '../config/site';
import { newPost } from '../scaffold/new-post';
import { runMain } from './main';

interface NewArgs {
  title?: string;
  area?: string;
  name?: string;
  tags: string[];
  cwd: string;
  config?: string;
}

function parseArgs(argv: string[]): NewArgs {
  const args: NewArgs = { tags: [], cwd: process.cwd() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} に値を指定してください。`);
      return v;
    };
    if (a === '--area') args.area = value();
    else if (a === '--name') args.name = value();
    else if (a === '--tag') args.tags.push(value());
    else if (a === '--cwd') args.cwd = path.resolve(value());
    else if (a === '--config') args.config = value();
    else if (a.startsWith('--')) throw new Error(`不明なオプションです: ${a}`);
    else if (args.title === undefined) args.title = a;
    else throw new Error(`タイトルは 1 つだけ指定してください (空白を含む場合は "" で囲みます): ${a}`);
  }
  return args;
}

/** Creates the article; refuses to overwrite an existing file. Returns the written path. */
export async function createPost(argv: string[], now = new Date()): Promise<string> {
  const args = parseArgs(argv);
  if (!args.title) throw new Error('使い方: npm run new -- "記事のタイトル" --area AzureVMBackup [--name File_Name] [--tag タグ]');
  const { options } = await loadSiteOptions(args.cwd, configFiles(args.config));
  const post = newPost({
    title: args.title,
    area: args.area ?? options.newPost.defaultArea,
    name: args.name,
    tags: args.tags.length ? args.tags : options.newPost.defaultTags,
    now,
    timeZone: options.timezone || 'Asia/Tokyo',
    scaffold: await fs.readFile(path.join(args.cwd, 'scaffolds/post.md'), 'utf8'),
  });
  const file = path.join(args.cwd, post.file);
  await fs.mkdir(path.dirname(file), { recursive: true });
  try {
    await fs.writeFile(file, post.content, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new Error(`${post.file} はすでに存在します。別の --name を指定してください。`);
    }
    throw err;
  }
  await fs.mkdir(path.join(args.cwd, post.assetDir), { recursive: true });
  return post.file;
}

if (require.main === module) {
  runMain(async () => {
    const file = await createPost(process.argv.slice(2));
    console.log(`作成しました: ${file}\n画像は ${file.replace(/\.md$/, '/')} に置き、./${path.basename(file, '.md')}/画像.png で参照します。`);
    return 0;
  }, 1);
}
