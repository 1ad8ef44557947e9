/** The OLMo-core table on a training script in its style (config dataclasses built in Python). */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

const SCRIPT = `from olmo_core.optim import AdamWConfig, CosWithWarmup, OptimGroupOverride
from olmo_core.train.train_module import TransformerTrainModuleConfig

SEQUENCE_LENGTH = 4096
GLOBAL_BATCH_SIZE = 512 * SEQUENCE_LENGTH

def build_train_module_config(common):
    return TransformerTrainModuleConfig(
        rank_microbatch_size=4 * SEQUENCE_LENGTH,
        max_sequence_length=SEQUENCE_LENGTH,
        optim=AdamWConfig(
            lr=4e-4,
            weight_decay=0.1,
            betas=(0.9, 0.95),
            group_overrides=[OptimGroupOverride(params=["embeddings.weight"], opts=dict(weight_decay=0.0))],
        ),
        scheduler=CosWithWarmup(warmup_steps=2000),
    )
`;

test('AdamWConfig is the optimizer; batch sizes are in tokens; defaults come from AdamWConfig', () => {
  const x = extract(SCRIPT, 'OLMo2-7B.py');
  expect(x.ecosystem).toBe('olmo-core');
  expect(x.optimizers).toHaveLength(1);
  expect(x.optimizers[0]).toMatchObject({ name: 'olmo_core.optim.AdamWConfig', kind: 'adamw', implementation: 'olmo_core.optim.AdamW', line: 11 });
  expect(value(x, 'lr')).toMatchObject({ value: 4e-4, line: 12, raw: '4e-4' });
  expect(value(x, 'beta2')).toMatchObject({ value: 0.95, line: 14 });
  expect(value(x, 'eps')).toMatchObject({ value: 1e-8, source: 'default' });
  expect(value(x, 'warmupSteps')?.value).toBe(2000);
  expect(value(x, 'microBatchSize')).toMatchObject({ value: 4 * 4096, unit: 'tokens' });
});
