// `npm start`: build, package the VSIX, and open OptLens in a real VS Code on examples/.
//   - a local `code` on the PATH: installs the VSIX there and opens the folder;
//   - otherwise code-server (installed on demand into .cache/code-server), on 127.0.0.1 without a password
//     since it is local only; prints the URL to open, runs until Ctrl-C.
// `npm start -- --cli FILE...` prints OptLens's analysis of the files instead (dist/cli.js analyze).
// `npm start -- --port N` picks code-server's port (default 8777; 0 = any free port).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ROOT, codeServerCli, ensureCodeServer, packageVersion, prepareRunDir, startCodeServer } from './code-server.mjs';

const args = process.argv.slice(2);

function flagValue(name) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function runNode(script, scriptArgs, stdio = 'inherit') {
  const result = spawnSync(process.execPath, [join(ROOT, script), ...scriptArgs], { cwd: ROOT, stdio });
  return result.status ?? 1;
}

/** `code` on the PATH (VS Code's own launcher), or null. */
function localCode() {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, process.platform === 'win32' ? 'code.cmd' : 'code');
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
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

  if (runNode('scripts/package.mjs', []) !== 0) return 1;
  const vsix = join(ROOT, `optlens-${packageVersion()}.vsix`);
  const folder = join(ROOT, 'examples');

  const code = localCode();
  if (code) {
    const install = spawnSync(code, ['--install-extension', vsix, '--force'], { stdio: 'inherit' });
    if (install.status !== 0) return install.status ?? 1;
    spawnSync(code, [folder], { stdio: 'inherit' });
    console.log(`OptLens ${packageVersion()} installed in VS Code; opened ${folder}`);
    return 0;
  }

  console.log('No `code` on the PATH: using code-server (installed into .cache/code-server on first use, a few minutes).');
  await ensureCodeServer();
  const runDir = join(ROOT, '.cache/start');
  prepareRunDir(runDir);
  codeServerCli(runDir, ['--install-extension', vsix, '--force']);
  const port = Number(flagValue('--port') ?? 8777);
  const server = startCodeServer({ runDir, folder, port });
  const stop = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const url = await server.url;
  console.log(`\nOptLens is running in code-server: open ${url}/?folder=${encodeURIComponent(folder)}\n(local only, no password; Ctrl-C stops it)`);
  const exitCode = await server.exited;
  console.error(`code-server exited (${exitCode}):\n${server.output().slice(-2000)}`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
