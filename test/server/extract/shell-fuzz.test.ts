/** The shell reader never throws and never reports a span that is not its literal (fast-check). */
import fc from 'fast-check';
import { test } from 'vitest';
import { readShell } from '../../../server/extract/shell';
import { checkRead, corpusTexts, fuzzTexts } from './reader-fuzz';

const TOKENS = [
  '--lr ', '6.0e-5', '--fp16', '--x=', 'LR=', '$LR', '${LR}', '${LR:-1e-4}', '${A[@]}', '${#A}', '$((2*3))', '$(nproc)', '`date`',
  'A=(', ')', '"', "'", "$'\\t'", '\\', '\\\n', '\n', ' ', '\t', '#', '# --lr 1\n', ';', '&&', '|', '>', '2>&1', '<<EOF\n', 'EOF\n',
  "<<'EOF'\n", '<<-EOF\n', 'read -r -d \'\' C ', 'export X=1 ', 'model.optim.lr=1e-4 ', '++a.b=2 ', 'torchrun ', '(', '{', '}',
  '$1', '$@', '\u0000', '\r\n',
];

test('random, token-soup and mutated shell scripts never break the reader', () => {
  fc.assert(
    fc.property(fuzzTexts(TOKENS, corpusTexts('.sh')), (text) => checkRead(text, readShell)),
    { numRuns: 500, seed: 11 },
  );
});
