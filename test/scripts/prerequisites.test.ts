import { afterEach, describe, expect, it } from 'vitest';
import { MissingPrerequisite, NEEDS, PREREQUISITES, ensurePrerequisites, missingLine, missingPrerequisites } from '../../scripts/prerequisites.mjs';

const PATH = process.env.PATH;
afterEach(() => {
  process.env.PATH = PATH;
  delete process.env.OPTLENS_NO_INSTALL;
});

describe('prerequisites of npm start and npm test', () => {
  it('finds tools by the files they provide, on the PATH', () => {
    process.env.PATH = '/nonexistent';
    expect(missingPrerequisites(['neovim', 'ripgrep'])).toEqual(['neovim', 'ripgrep']);
  });

  it('says in one line what is missing, what it is for, and the command that installs it', () => {
    const line = missingLine(['neovim', 'chromium'], 'npm test');
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(/^npm test needs Neovim .*; Chromium and its fonts .*; to get them, run: /);
    expect(line).toMatch(/apt-get install -y neovim chromium fonts-liberation$/);
  });

  it('stops with that line, and installs nothing, when installing is not allowed', async () => {
    process.env.PATH = '/nonexistent';
    process.env.OPTLENS_NO_INSTALL = '1';
    const failure = ensurePrerequisites('test').then(() => null, (error: unknown) => error);
    const error = await failure;
    expect(error).toBeInstanceOf(MissingPrerequisite);
    expect((error as Error).message).toMatch(/^npm test needs .*neovim/);
  });

  it('has an apt package for everything npm test needs, and npm start needs a subset of it', () => {
    for (const name of NEEDS.test) expect(PREREQUISITES[name].apt.length).toBeGreaterThan(0);
    for (const name of NEEDS.start) expect(NEEDS.test).toContain(name);
  });
});
