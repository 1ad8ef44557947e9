// What `npm start` and `npm test` need from the machine beyond Node and npm: one table, shared by both.
// Each prerequisite is found by the files it provides (so any distribution that has them passes); what is
// missing is installed with apt-get when this process may (root, or passwordless sudo) and the machine has
// apt, with a step list and a percentage; otherwise the run stops with one line naming what is missing and
// the command that installs it. `node scripts/prerequisites.mjs start|test` does this from the shell.
// OPTLENS_NO_INSTALL=1 only reports, never installs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** First existing path among `paths`, or null. */
function firstExisting(paths) {
  return paths.find((p) => existsSync(p)) ?? null;
}

/** Absolute path of `name` on the PATH, or null. */
export function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** Debian's Chromium (the browser tests and `npm start`'s check drive it with playwright-core), or null. */
export function chromiumPath() {
  const fromEnv = process.env.OPTLENS_CHROMIUM;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return firstExisting(['/usr/bin/chromium', '/usr/bin/chromium-headless-shell', '/usr/bin/chromium-browser']);
}

/**
 * The table. `found()` says whether the machine has it; `apt` lists the Debian/Ubuntu packages that provide it
 * (names checked on Debian 12 and Ubuntu 24.04).
 */
export const PREREQUISITES = {
  'native-build': {
    what: "a C/C++ toolchain, pkg-config, Python 3 and the Kerberos headers (code-server's native modules)",
    apt: ['build-essential', 'pkg-config', 'python3', 'libkrb5-dev'],
    // node-gyp needs make, a C++ compiler and python3; the kerberos module includes gssapi/gssapi.h.
    found: () => ['make', 'g++', 'pkg-config', 'python3'].every((tool) => onPath(tool) !== null)
      && existsSync('/usr/include/gssapi/gssapi.h'),
  },
  ripgrep: {
    what: "ripgrep (the editor's search)",
    apt: ['ripgrep'],
    found: () => onPath('rg') !== null,
  },
  chromium: {
    what: 'Chromium and its fonts (the headless browser of the browser and real-editor tests)',
    apt: ['chromium', 'fonts-liberation'],
    found: () => chromiumPath() !== null && existsSync('/usr/share/fonts/truetype/liberation'),
  },
  neovim: {
    what: 'Neovim (the test of the language server with a third-party client)',
    apt: ['neovim'],
    found: () => onPath('nvim') !== null,
  },
};

/** What each entry point needs. `start` drives Chromium only in its non-interactive check. */
export const NEEDS = {
  start: ['native-build', 'ripgrep'],
  'start-check': ['native-build', 'ripgrep', 'chromium'],
  test: ['native-build', 'ripgrep', 'chromium', 'neovim'],
};

export function missingPrerequisites(names) {
  return names.filter((name) => !PREREQUISITES[name].found());
}

function aptPackages(names) {
  return [...new Set(names.flatMap((name) => PREREQUISITES[name].apt))];
}

/** One line: what is missing, for what, and the command that installs it. */
export function missingLine(names, purpose) {
  const what = names.map((name) => PREREQUISITES[name].what).join('; ');
  const command = existsSync('/usr/bin/apt-get')
    ? `sudo apt-get install -y ${aptPackages(names).join(' ')}`
    : `install the equivalents of the Debian packages ${aptPackages(names).join(' ')} with your package manager`;
  return `${purpose} needs ${what}; to get ${names.length > 1 ? 'them' : 'it'}, run: ${command}`;
}

/** '' when running as root, 'sudo' when sudo works without a password, null when neither. */
function privilege() {
  if (process.getuid?.() === 0) return '';
  if (!onPath('sudo')) return null;
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? 'sudo' : null;
}

/** Prints a progress line: rewritten in place on a terminal, one line per 10 % otherwise. */
function progressPrinter(label) {
  const tty = process.stdout.isTTY === true;
  let lastDecile = -1;
  let lastText = '';
  return {
    update(percent, detail) {
      const p = Math.max(0, Math.min(100, Math.floor(percent)));
      const text = `${label} ${String(p).padStart(3)}%  ${detail}`.slice(0, 110);
      if (tty) {
        if (text !== lastText) process.stdout.write(`\r\x1b[K${text}`);
      } else if (Math.floor(p / 10) !== lastDecile) {
        console.log(text);
        lastDecile = Math.floor(p / 10);
      }
      lastText = text;
    },
    done(summary) {
      if (tty) process.stdout.write('\r\x1b[K');
      console.log(`${label} ${summary}`);
    },
  };
}

/**
 * Runs apt-get with its machine-readable status on fd 3 ("dlstatus:…:percent:…", "pmstatus:pkg:percent:…"),
 * showing download and install as one percentage; the full output goes to `logFile`.
 */
function aptGet(prefix, args, label, logFile) {
  const command = prefix ? prefix : 'apt-get';
  const fullArgs = [...(prefix ? ['apt-get'] : []), '-o', 'APT::Status-Fd=3', '-o', 'DPkg::Lock::Timeout=300', ...args];
  const progress = progressPrinter(label);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, fullArgs, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let log = '';
    const keep = (chunk) => {
      log += chunk.toString();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let pending = '';
    child.stdio[3].on('data', (chunk) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const [kind, , percent, ...rest] = line.split(':');
        const value = Number(percent);
        if (!Number.isFinite(value)) continue;
        // For an install, downloading is the first half of the bar, unpacking and configuring the second.
        if (kind === 'dlstatus') progress.update(args[0] === 'update' ? value : value / 2, rest.join(':'));
        else if (kind === 'pmstatus') progress.update(50 + value / 2, rest.join(':'));
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      mkdirSync(dirname(logFile), { recursive: true });
      writeFileSync(logFile, log);
      if (code === 0) {
        progress.done(`done (${Math.round((Date.now() - started) / 1000)} s)`);
        resolve();
      } else {
        progress.done(`failed (exit ${code})`);
        reject(new Error(`apt-get ${args.join(' ')} failed (exit ${code}); its output is in ${logFile}:\n`
          + log.split('\n').slice(-15).join('\n')));
      }
    });
  });
}

/** Whether apt's package lists are there and less than a day old (then `apt-get update` can be skipped). */
function aptListsFresh() {
  const dir = '/var/lib/apt/lists';
  try {
    const lists = readdirSync(dir).filter((f) => f.endsWith('_Packages') || f.endsWith('_Packages.lz4'));
    return lists.length > 0 && lists.every((f) => Date.now() - statSync(join(dir, f)).mtimeMs < 86_400_000);
  } catch {
    return false;
  }
}

/** Thrown when a prerequisite is missing and cannot be installed here; its message is the one line to show. */
export class MissingPrerequisite extends Error {}

/**
 * Makes sure the prerequisites of `need` (a key of NEEDS) are there, installing them with apt where allowed.
 * Prints the step list; throws MissingPrerequisite with one line when it cannot.
 */
export async function ensurePrerequisites(need, purpose = `npm ${need.replace('-check', '')}`) {
  const names = NEEDS[need];
  if (!names) throw new Error(`unknown prerequisite set '${need}'`);
  const missing = missingPrerequisites(names);
  if (missing.length === 0) return;
  const prefix = privilege();
  if (process.env.OPTLENS_NO_INSTALL === '1' || prefix === null || !existsSync('/usr/bin/apt-get')) {
    throw new MissingPrerequisite(missingLine(missing, purpose));
  }
  console.log(`${purpose} needs (x = already there):`);
  for (const name of names) console.log(`  [${missing.includes(name) ? ' ' : 'x'}] ${PREREQUISITES[name].what}`);
  const packages = aptPackages(missing);
  const logFile = join(ROOT, '.cache/apt.log');
  const steps = aptListsFresh() ? 1 : 2;
  console.log(`Installing with apt-get: ${packages.join(' ')} (and what they depend on)`);
  const install = ['install', '-y', '-q', '--no-install-recommends', ...packages];
  if (steps === 2) await aptGet(prefix, ['update', '-q'], '  step 1/2 apt-get update', logFile);
  try {
    await aptGet(prefix, install, `  step ${steps}/${steps} apt-get install`, logFile);
  } catch (error) {
    if (steps === 2) throw error;
    // Lists a day old can name package versions the mirror no longer has: refresh them once and retry.
    await aptGet(prefix, ['update', '-q'], '  retry: apt-get update', logFile);
    await aptGet(prefix, install, '  retry: apt-get install', logFile);
  }
  const still = missingPrerequisites(missing);
  if (still.length > 0) throw new MissingPrerequisite(missingLine(still, `${purpose} (after apt-get install)`));
}

// From the shell: `node scripts/prerequisites.mjs test` (what `npm test` runs first).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const need = process.argv[2] ?? 'test';
  ensurePrerequisites(need).then(
    () => undefined,
    (error) => {
      console.error(error instanceof MissingPrerequisite ? error.message : `prerequisites: ${error.message}`);
      process.exitCode = 1;
    },
  );
}
