// `npm run package`: a production build, then `vsce package` into optlens-<version>.vsix. Only the bundles
// in dist/ ship (deny-all .vscodeignore), so vsce runs with --no-dependencies. Prints the VSIX size and
// file count; `--json` prints them as one JSON line on stdout instead (for the bench), the tools' output on stderr.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, packageVersion } from './code-server.mjs';
import { vsixEntries } from './vsix.mjs';

const json = process.argv.includes('--json');

function run(command, args) {
  // With --json, the tools' stdout goes to stderr so that stdout holds only the JSON line.
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', json ? 2 : 'inherit', 'inherit'] });
  if (result.status !== 0) {
    console.error(`package: ${command} ${args.join(' ')} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}

const vsix = `optlens-${packageVersion()}.vsix`;
run(process.execPath, ['scripts/build.mjs', '--production']);
// --no-rewrite-relative-links: README links are relative to the repository, which vsce cannot know offline.
run(process.execPath, [join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository',
  '--no-rewrite-relative-links', '--out', vsix]);

const bytes = statSync(join(ROOT, vsix)).size;
const files = vsixEntries(join(ROOT, vsix)).filter((e) => !e.name.endsWith('/')).length;
if (json) process.stdout.write(`${JSON.stringify({ vsix, bytes, files })}\n`);
else console.log(`package: ${vsix}, ${(bytes / 1024).toFixed(0)} KiB, ${files} files`);
