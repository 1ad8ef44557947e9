/** The OLMo-core table on a training script in its style (config dataclasses built in Python). */
import { expect, test } from 'vitest';
import { analyzeText } from '../../../server/analyze';
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

const TRAINER = (maxDuration: string, hardStop: string | null): string => `${SCRIPT}
def build_trainer_config():
    return (
        TrainerConfig(
            save_folder="/tmp/run",
            max_duration=${maxDuration},${hardStop === null ? '' : `
            hard_stop=Duration.steps(int(${hardStop})),`}
        )
        .with_callback("checkpointer", CheckpointerCallback(save_interval=1000))
        .with_callback("wandb", WandBCallback(name="run"))
    )

def build_data_loader_config():
    return NumpyDataLoaderConfig(global_batch_size=GLOBAL_BATCH_SIZE)
`;

test('TrainerConfig(...).with_callback(...) chains keep the trainer\'s own settings', () => {
  const x = extract(TRAINER('Duration.steps(20_000)', null), 'OLMo2-7B.py');
  expect(value(x, 'steps')).toMatchObject({ value: 20000, line: 24 });
  expect(value(x, 'steps')?.unit).toBeUndefined();
});

test('a token budget is read in tokens, and made steps through the global batch in tokens', () => {
  const x = extract(TRAINER('Duration.tokens(int(5e12))', null), 'OLMo2-7B.py');
  expect(value(x, 'steps')).toMatchObject({ value: 5e12, unit: 'tokens', line: 24 });
  expect(x.tokensPerStep?.value).toBe(512 * 4096);
  const a = analyzeText(TRAINER('Duration.tokens(int(5e12))', null), 'OLMo2-7B.py', {});
  expect(a.optimizers[0]?.predictionInput?.steps).toBe(Math.round(5e12 / (512 * 4096)));
  expect(value(extract(TRAINER('Duration.epochs(2)', null), 'OLMo2-7B.py'), 'steps')).toMatchObject({ value: 2, unit: 'epochs' });
});

test('a hard stop in steps is the run; the token budget is where the schedule ends, told as a decay-horizon mismatch', () => {
  const text = TRAINER('Duration.tokens(int(5e12))', '597046');
  expect(value(extract(text, 'OLMo2-7B.py'), 'steps')).toMatchObject({ value: 597046, line: 25 });
  const horizon = analyzeText(text, 'OLMo2-7B.py', {}).findings.filter((f) => f.code === 'decay-horizon-mismatch');
  expect(horizon).toHaveLength(1);
  expect(horizon[0]).toMatchObject({ line: 24 });
  expect(horizon[0]?.message).toContain(`step ${Math.round(5e12 / (512 * 4096))}`);
  // A horizon in tokens is not rewritten as a step count.
  expect(horizon[0]?.fixes).toBeUndefined();
});

test('the cookbook\'s configure_train_module builds the optimizer: its learning_rate is the lr, its fixed AdamW the rest',
  () => {
    const text = [
      'from olmo_core.internal import cookbook',
      'from olmo_core.optim.scheduler import CosWithWarmup',
      'SEQ = 4096',
      'def build(ctx):',
      '    return cookbook.configure_train_module(',
      '        max_sequence_length=SEQ,',
      '        rank_microbatch_size=SEQ * 4,',
      '        learning_rate=3e-4,',
      '        scheduler=CosWithWarmup(warmup_steps=100),',
      '    )',
      '',
    ].join('\n');
    const x = extract(text, 'midtrain.py');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ kind: 'adamw', line: 5 });
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 8 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 16384, line: 7, unit: 'tokens' });
    expect(String(value(x, 'schedule')?.value)).toMatch(/CosWithWarmup$/);
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, source: 'default' });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.1, source: 'default' });
  });

test('a constant the run-time global batch is read from is in the table\'s unit, tokens', () => {
  const script = `${SCRIPT}
def build_data_components(common):
    return NumpyDataLoaderConfig(global_batch_size=common.global_batch_size, seed=1)

if __name__ == "__main__":
    config_builder = partial(build_config, global_batch_size=common.global_batch_size)
`;
  const x = extract(script, 'OLMo2-7B.py');
  expect(value(x, 'globalBatchSize')).toMatchObject({ value: 512 * 4096, line: 5, unit: 'tokens' });
});
