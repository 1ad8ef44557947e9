/**
 * `npm start`'s time to the editor's URL with code-server already in its cache (the case of every start but
 * the first on a machine): `node scripts/start.mjs --url-only` builds and packages the VSIX, installs it,
 * starts code-server and exits once the URL answers. Cheap (about half a minute); without a cached
 * code-server it reports that and measures nothing, since the cold native build takes minutes and is
 * measured by `.ci/run` instead.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { BenchTable } from './types';

const ROOT = process.cwd();

export default async function startBench(): Promise<BenchTable[]> {
  const codeServer = (await import(join(ROOT, 'scripts/code-server.mjs'))) as { CACHE: string; isInstalled(): boolean };
  const title = 'npm start: time to the editor URL';
  if (!codeServer.isInstalled()) {
    return [{ title, columns: ['run', 'time-to-URL (s)'], rows: [['not measured', 'n/a']], notes: [
      `code-server is not in ${codeServer.CACHE}; run \`npm start\` once (a native build of minutes), then the bench.`,
    ] }];
  }
  const rows: (string | number)[][] = [];
  for (const run of ['first', 'second']) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts/start.mjs'), '--url-only'], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 300_000,
    });
    const wall = (performance.now() - started) / 1000;
    const reported = /time-to-URL ([\d.]+) s/.exec(result.stdout ?? '');
    if (result.status !== 0 || !reported) throw new Error(`npm start --url-only failed:\n${(result.stdout ?? '') + (result.stderr ?? '')}`);
    rows.push([run, Number(reported[1]), Number(wall.toFixed(1))]);
  }
  return [{
    title,
    columns: ['run', 'time-to-URL (s)', 'whole command (s)'],
    rows,
    notes: [
      'Cached code-server. The first run packages the VSIX if any source changed since the last one (production ' +
        'build and `vsce package`, most of its time) and installs it; the second finds both up to date and only ' +
        'starts code-server. The first start on a machine adds the code-server install (see .ci/run\'s log).',
    ],
  }];
}
