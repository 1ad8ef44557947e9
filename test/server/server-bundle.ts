/**
 * The language server bundled from the working tree into a temporary folder (as scripts/build.mjs bundles
 * dist/server.js), so tests of its worker threads and stdio run the code under test, never a stale dist/.
 */
import * as esbuild from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

let built: Promise<string> | null = null;

/** Path of a fresh `server.js` bundle (built once per test file). */
export function serverBundle(): Promise<string> {
  built ??= (async () => {
    const outfile = join(mkdtempSync(join(tmpdir(), 'optlens-server-')), 'server.js');
    await esbuild.build({
      entryPoints: [resolve(__dirname, '../../server/main.ts')], outfile,
      bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], logLevel: 'silent',
    });
    return outfile;
  })();
  return built;
}
