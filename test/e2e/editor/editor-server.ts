/**
 * The real editor of the e2e tests: code-server (installed on demand into the cache of scripts/code-server.mjs,
 * kept between runs and clones) with the packaged VSIX installed, on a fresh copy of examples/ (the tests edit files).
 * All state lives under test/e2e/.run/editor (git-ignored).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, codeServerCli, ensureCodeServer, packageVersion, prepareRunDir, startCodeServer } from '../../../scripts/code-server.mjs';

export const RUN_DIR = join(ROOT, 'test/e2e/.run/editor');
export const SCREENSHOTS = join(ROOT, 'test/e2e/screenshots');

export interface Editor {
  url: string;
  /** The VSIX installed in it. */
  vsix: string;
  /** The workspace folder the workbench opens: a copy of examples/. */
  workspace: string;
  /** code-server's output so far (for failure messages). */
  log(): string;
  stop(): void;
}

/** Builds the production bundles and the VSIX exactly as `npm run package` does; returns its path. */
export function packageVsix(): string {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/package.mjs'), '--json'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run package failed:\n${result.stderr.slice(-4000)}`);
  const vsix = join(ROOT, `optlens-${packageVersion()}.vsix`);
  if (!existsSync(vsix)) throw new Error(`${vsix} missing after packaging`);
  return vsix;
}

/**
 * Installs code-server if needed, packages the VSIX (or takes the one named by OPTLENS_E2E_VSIX, for a
 * quicker edit–test loop), and starts the editor on a fresh copy of examples/.
 */
export async function startEditor(): Promise<Editor> {
  await ensureCodeServer((line) => process.stderr.write(`[code-server install] ${line}\n`));
  const vsix = process.env.OPTLENS_E2E_VSIX ?? packageVsix();
  rmSync(RUN_DIR, { recursive: true, force: true });
  const state = join(RUN_DIR, 'state');
  const workspace = join(RUN_DIR, 'workspace');
  cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
  prepareRunDir(state);
  codeServerCli(state, ['--install-extension', vsix, '--force']);
  const server = startCodeServer({ runDir: state, folder: workspace });
  const url = await server.url;
  return { url, vsix, workspace, log: server.output, stop: server.stop };
}
