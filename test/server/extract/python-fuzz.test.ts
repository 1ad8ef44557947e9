/** The Python reader never throws and never reports a span that is not its literal (fast-check). */
import fc from 'fast-check';
import { test } from 'vitest';
import { readPython } from '../../../server/extract/python';
import { checkRead, corpusTexts, fuzzTexts } from './reader-fuzz';

const TOKENS = [
  'lr = ', '3e-4', '5 * 8', '1_000', '0x1f', '2 ** 10', ' // ', ' / 0', '-', '(', ')', '[', ']', '{', '}', ',', ':', '=', '.',
  "'s'", '"""doc"""', "r'x\\y'", 'f"{x}"', '\\\n', '\n', '    ', '\t', '# 0.001\n', 'def f(a, b=1):\n', 'class C:\n', 'if x:\n',
  'else:\n', 'for i in range(3):\n', 'return ', 'import torch\n', 'from torch.optim import AdamW\n', 'torch.optim.AdamW(',
  'dict(type="AdamW", ', 'lr=', 'betas=(0.9, 0.95)', '**kw', '*a', 'args.lr', 'x[0]', 'x = x + x\n', 'lambda: 1', 'None', 'True',
  '@dataclass\n', 'a, b = ', 'async ', 'yield ', 'match x:\n', 'case 1:\n', '\u0000', '\uFEFF', '\r\n',
];

test('random, token-soup and mutated Python never break the reader', () => {
  fc.assert(
    fc.property(fuzzTexts(TOKENS, corpusTexts('.py')), (text) => checkRead(text, readPython)),
    { numRuns: 300, seed: 7 },
  );
});
