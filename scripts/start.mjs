// `npm start`: build, package the VSIX, and open OptLens in a real VS Code on a copy of examples/.
//   - a local `code` on the PATH: installs the VSIX there and opens the copy;
//   - otherwise code-server (installed on first use into a cache kept between runs, see scripts/code-server.mjs),
//     on 127.0.0.1 without a password since it is local only; prints the URL to open, runs until Ctrl-C.
// The workspace is .cache/start/workspace, a copy of examples/ (new examples are added on each start; files
// there that you edited are kept), so nothing the editor writes lands in the tracked folder.
// Non-interactive (CI=true, no terminal on stdin, or `--check`): once the URL answers, opens the workbench in
// headless Chromium, waits for OptLens's inlay hints in an example, prints the result and exits (0 = active).
// `--url-only` exits as soon as the URL answers (the bench's time-to-URL). `--port N` picks the port
// (default 8777 interactive, any free port otherwise). `npm start -- --cli FILE...` prints OptLens's analysis instead.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, codeServerCli, ensureCodeServer, packageVersion, prepareRunDir, startCodeServer } from './code-server.mjs';
import { MissingPrerequisite, ensurePrerequisites, onPath } from './prerequisites.mjs';

const args = process.argv.slice(2);
const urlOnly = args.includes('--url-only');
const check = urlOnly || args.includes('--check') || process.env.CI === 'true' || process.stdin.isTTY !== true;
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const STEP_COUNT = check && !urlOnly ? 5 : 4;

function step(n, text) {
  console.log(`[${n}/${STEP_COUNT}] ${Math.round((100 * (n - 1)) / STEP_COUNT)}%  ${text}  (${seconds()})`);
}

function flagValue(name) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function runNode(script, scriptArgs, stdio = 'inherit') {
  const result = spawnSync(process.execPath, [join(ROOT, script), ...scriptArgs], { cwd: ROOT, stdio });
  return result.status ?? 1;
}

/** `npm run package` in a child process, so that code-server's install proceeds meanwhile. */
function packageAsync() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/package.mjs'), '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`packaging the VSIX failed (exit ${code}):\n${err.slice(-3000)}`));
      else resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}'));
    });
  });
}

/** What goes into the VSIX: when none of it changed since the last one was packaged, that one is reused. */
const VSIX_INPUTS = ['core', 'host', 'server', 'extension', 'webview', 'media', 'docs', 'package.json', 'package-lock.json',
  'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'scripts/build.mjs', 'scripts/package.mjs'];

function newestMtime(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** The VSIX of the current sources: packaged anew unless an up-to-date one is there. */
async function currentVsix() {
  const vsix = `optlens-${packageVersion()}.vsix`;
  const stat = statSync(join(ROOT, vsix), { throwIfNoEntry: false });
  if (stat && stat.mtimeMs > Math.max(...VSIX_INPUTS.map((p) => newestMtime(join(ROOT, p))))) {
    return { vsix, bytes: stat.size, reused: true };
  }
  return packageAsync();
}

/** The workspace: a copy of examples/ under .cache/, adding new examples and keeping files already there. */
function workspaceCopy() {
  const folder = join(ROOT, '.cache/start/workspace');
  mkdirSync(folder, { recursive: true });
  cpSync(join(ROOT, 'examples'), folder, { recursive: true, force: false, errorOnExist: false });
  return folder;
}

async function main() {
  const cliIndex = args.indexOf('--cli');
  if (cliIndex >= 0) {
    const files = args.slice(cliIndex + 1).filter((a) => !a.startsWith('--'));
    if (files.length === 0) {
      console.error('usage: npm start -- --cli FILE...');
      return 2;
    }
    if (runNode('scripts/build.mjs', [], ['ignore', 'ignore', 'inherit']) !== 0) return 1;
    return runNode('dist/cli.js', ['analyze', ...files]);
  }

  const folder = workspaceCopy();
  const code = check ? null : onPath('code');
  if (code) {
    if (runNode('scripts/package.mjs', []) !== 0) return 1;
    const vsix = join(ROOT, `optlens-${packageVersion()}.vsix`);
    const install = spawnSync(code, ['--install-extension', vsix, '--force'], { stdio: 'inherit' });
    if (install.status !== 0) return install.status ?? 1;
    spawnSync(code, [folder], { stdio: 'inherit' });
    console.log(`OptLens ${packageVersion()} installed in VS Code; opened ${folder}`);
    return 0;
  }

  step(1, 'checking the machine');
  await ensurePrerequisites(check && !urlOnly ? 'start-check' : 'start', 'npm start');
  step(2, 'packaging the VSIX; code-server installs meanwhile if not yet cached (once: a native build of minutes)');
  const [packaged] = await Promise.all([
    currentVsix().then((p) => {
      const what = p.reused ? 'unchanged sources, reusing' : 'packaged';
      console.log(`      VSIX ${what} ${p.vsix}, ${Math.round(p.bytes / 1024)} KiB (${seconds()})`);
      return p;
    }),
    ensureCodeServer((line) => console.log(`      code-server: ${line}`)),
  ]);
  const runDir = join(ROOT, '.cache/start/state');
  prepareRunDir(runDir);
  // Installing takes seconds: skip it when this very VSIX (same size and time) is the one installed.
  const stamp = join(runDir, 'installed-vsix');
  const vsixStat = statSync(join(ROOT, packaged.vsix));
  const id = `${packaged.vsix} ${vsixStat.size} ${vsixStat.mtimeMs}`;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === id) {
    step(3, `${packaged.vsix} is already installed in code-server`);
  } else {
    step(3, `installing ${packaged.vsix} into code-server`);
    codeServerCli(runDir, ['--install-extension', join(ROOT, packaged.vsix), '--force']);
    writeFileSync(stamp, id);
  }
  const port = Number(flagValue('--port') ?? (check ? 0 : 8777));
  step(4, 'starting code-server');
  const server = startCodeServer({ runDir, folder, port });
  const stop = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const url = `${await server.url}/?folder=${encodeURIComponent(folder)}`;
  // The bench reads the "time-to-URL" line.
  console.log(`\nOptLens is running in code-server: open ${url}\n(local only, no password; time-to-URL ${seconds()})\n`);
  if (check) {
    try {
      if (!urlOnly) {
        step(5, 'opening the workbench in headless Chromium and waiting for OptLens\'s inlay hints');
        const { checkOptLensActive } = await import('./editor-check.mjs');
        const seen = await checkOptLensActive(url, 'hf-sft.yaml');
        console.log(`OptLens is active: the editor shows "${seen}" in hf-sft.yaml (${seconds()})`);
      }
    } finally {
      server.stop();
    }
    return 0;
  }
  console.log('Ctrl-C stops it.');
  const exitCode = await server.exited;
  console.error(`code-server exited (${exitCode}):\n${server.output().slice(-2000)}`);
  return 1;
}

main().then(
  (code) => {
    // In the check modes nothing is left to wait for (the server's process group is stopped): leave now.
    if (check) process.exit(code);
    process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof MissingPrerequisite ? error.message : `npm start: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
