/** The gin reader and extraction of gin files never throw and never report a span that is not its literal (fast-check).
 * */
import fc from 'fast-check';
import { test } from 'vitest';
import { extract } from '../../../server/extract';
import { readGin } from '../../../server/extract/gin';
import { checkRead, fuzzTexts } from './reader-fuzz';

const TOKENS = [
  'BATCH_SIZE = 128\n',
  '%BATCH_SIZE',
  '@adafactor.Adafactor()',
  'train/utils.DatasetConfig:\n',
  '  batch_size = ',
  'a.b.c = ',
  '= ',
  '(0.9,\n',
  ')',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '#',
  '# x\n',
  'include "x.gin"\n',
  'from t5x import utils\n',
  'import __main__ as t\n',
  '1e-3',
  '5_000',
  'True',
  'None',
  ':',
  '\n',
  '  ',
  '\t',
  '\r\n',
  '\\',
  '\u0000',
  '/',
  '.',
];
const CORPUS = [
  'from t5x import utils\nBATCH_SIZE = 128\ntrain/utils.DatasetConfig:\n  batch_size = %BATCH_SIZE\n' +
    'utils.create_learning_rate_scheduler.base_learning_rate = 1e-3\n',
  'OPTIMIZER = @adafactor.Adafactor()\nadafactor.Adafactor:\n  decay_rate = 0.8\n  beta1 = (0.9,\n           )\n',
];

test('random, token-soup and mutated gin files never break the reader or extraction', () => {
  fc.assert(
    fc.property(fuzzTexts(TOKENS, CORPUS), (text) => {
      checkRead(text, readGin);
      extract(text, 'x.gin');
    }),
    { numRuns: 500, seed: 17 },
  );
});
