/**
 * `optlens`: the OptLens engine on the command line. Each subcommand lives in its own module.
 * Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage error, 130 interrupted.
 */
import { terminalSafe, UsageError, type CliIO, type Command } from './io';
import { analyzeCommand } from './analyze';
import { predictCommand } from './predict';
import { simulateCommand } from './simulate';
import { VERSION } from './version';

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  predict: { run: predictCommand, summary: 'predict update RMS, weight RMS, Surge and ε regime from hyperparameters' },
  simulate: { run: simulateCommand, summary: 'simulate the optimizer (Monte Carlo) and compare with the prediction' },
  analyze: { run: analyzeCommand, summary: 'read training configs: hyperparameters, predictions, findings (text, JSON, SARIF)' },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return [
    'usage: optlens <command> [flags]   (optlens <command> --help for its flags)', '', ...lines, '',
    '  --version  print the version', '  --help     show this help', '',
  ].join('\n');
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    io.out(`optlens ${VERSION}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`optlens: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`optlens ${name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  });
  const io: CliIO = {
    out: (text) => process.stdout.write(terminalSafe(text)),
    err: (text) => process.stderr.write(terminalSafe(text)),
    isTTY: Boolean(process.stdout.isTTY),
    signal: controller.signal,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = controller.signal.aborted ? 130 : code;
    },
    (error: unknown) => {
      process.stderr.write(`optlens: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exitCode = 70;
    },
  );
}
