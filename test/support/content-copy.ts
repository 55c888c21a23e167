import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A scratch copy of the bundled content tree that a test may break or change. */
export async function copyContent(): Promise<{ dir: string; edit(path: string, change: (text: string) => string): Promise<void>; write(path: string, text: string): Promise<void>; remove(path: string): Promise<void>; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'dcs-hub-content-'));
  await cp('content', dir, { recursive: true });
  return {
    dir,
    async edit(path, change) {
      const file = join(dir, path);
      await writeFile(file, change(await readFile(file, 'utf8')));
    },
    async write(path, text) {
      await writeFile(join(dir, path), text);
    },
    async remove(path) {
      await rm(join(dir, path), { recursive: true });
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
