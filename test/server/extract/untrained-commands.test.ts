/**
 * A launcher whose commands train nothing (a text generation server, an evaluation) on made-up scripts: no run reads
 * their flags, but the flags still say whose scripts they are, so the framework is detected from them.
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const serve = [
  '#!/bin/bash',
  'torchrun --nproc_per_node 2 tools/run_text_generation_server.py \\',
  '    --tensor-model-parallel-size 2 \\',
  '    --num-layers 24 \\',
  '    --hidden-size 1024 \\',
  '    --num-attention-heads 16 \\',
  '    --max-position-embeddings 2048 \\',
  '    --tokenizer-type GPT2BPETokenizer \\',
  '    --micro-batch-size 3 \\',
  '    --seq-length 2048 \\',
  '    --load ${CKPT}',
  '',
].join('\n');

test("a launcher that only serves generation is still detected as its framework's", () => {
  expect(extract(serve, 'serve_model.sh').ecosystem).toBe('megatron-lm');
});

test("a launcher that only serves generation reads no run's values", () => {
  const x = extract(serve, 'serve_model.sh');
  expect(x.optimizers.map((o) => o.hyperparameters.microBatchSize?.value)).not.toContain(3);
});
