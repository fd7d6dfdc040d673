/** `node dist/bench/vanilla-build.js DIR`: plain `hexo generate` of a site, with none of our plugins or runner. */
import Hexo from 'hexo';

async function main(): Promise<void> {
  process.env.NODE_ENV ??= 'production';
  const hexo = new Hexo(process.argv[2]!, { silent: true });
  await hexo.init();
  await hexo.call('generate', {});
  await hexo.exit();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
