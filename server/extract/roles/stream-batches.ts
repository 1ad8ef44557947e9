/**
 * Batch sizes of several data streams trained on together, one key per stream with the stream's name after the batch
 * word (`--batch_size_mmc4 32 --batch_size_laion 64`): each is the batch each device draws from that stream per step.
 * OpenFlamingo's train.py mixes its interleaved MMC4 and image-text LAION loaders this way
 * (mlfoundations/open_flamingo open_flamingo/train/data.py: `global_batch_size = args.batch_size_mmc4 *
 * args.world_size`, the per-process loader batched by `args.batch_size_mmc4`; train.py counts steps as
 * `train_num_samples_mmc4 // (batch_size_mmc4 * world_size)`), as multi-dataset trainers do for each modality.
 * The first stream written is the run's micro batch; each other stream's is predicted beside it. A lone suffixed batch
 * (`batch_size_eval`, `batch_size_per_gpu`) is no stream's: at least two streams must be written in one block.
 */
import type { HyperparameterName } from '../../../core/hyperparams';
import type { ConfigEntry } from '../entries';
import { renderPath } from '../keypath';
import { writtenValue, type ResolveContext, type ResolvedOptimizer } from '../resolve';
import { copyValues } from '../value-copies';

/** `batch_size_<stream>`, as a key or a flag (`--batch_size_mmc4`, `--batch-size-laion`). */
const STREAM_BATCH = /^-*batch[_-]?size[_-]([a-z][a-z0-9]*)$/i;
/**
 * Suffixes that qualify the batch instead of naming a stream: whose it is, where it runs, what bounds or schedules it
 * (NeMo's `global_batch_size_increment`-style rampups, fairseq's `batch_size_multiple`, OLMo-core's
 * `batch_size_round`).
 */
const QUALIFIERS: ReadonlySet<string> = new Set([
  'train', 'training', 'eval', 'evaluation', 'val', 'valid', 'validation', 'test', 'testing', 'infer', 'inference',
  'predict', 'per', 'gpu', 'device', 'local', 'global', 'total', 'micro', 'mini', 'max', 'min', 'init', 'initial',
  'final', 'start', 'end', 'warmup', 'schedule', 'multiplier', 'factor', 'scale', 'tokens', 'samples', 'sample',
  'ratio', 'mode', 'type', 'auto', 'finder', 'increment', 'multiple', 'round', 'rounding', 'masked', 'config', 'rampup',
  'ramp', 'limit', 'cap', 'bucket', 'step', 'steps', 'dynamic', 'fixed', 'default', 'override', 'base', 'effective',
]);
/** Most other streams predicted beside the first. */
const MAX_STREAMS = 4;
const NAME: HyperparameterName = 'microBatchSize';

/** The streams' batches of the first block that writes two or more, in document order. */
function streamBatches(ctx: ResolveContext): { stream: string; entry: ConfigEntry }[] {
  const byBlock = new Map<string, Map<string, ConfigEntry>>();
  for (const [name, entries] of ctx.index.byName) {
    const stream = STREAM_BATCH.exec(name)?.[1]?.toLowerCase();
    if (stream === undefined || QUALIFIERS.has(stream)) continue;
    for (const e of entries) {
      if (typeof e.value !== 'number' || e.origin !== undefined) continue;
      const block = e.path.slice(0, -1).join('\u0000');
      const streams = byBlock.get(block) ?? new Map<string, ConfigEntry>();
      // A stream's batch written twice: the last counts, as argparse's last flag and a YAML's last key do.
      streams.set(stream, e);
      byBlock.set(block, streams);
    }
  }
  const found = [...byBlock.values()].filter((s) => s.size >= 2).map((s) => [...s.entries()]
    .map(([stream, entry]) => ({ stream, entry })).sort((a, b) => a.entry.span.start - b.entry.span.start))
    .sort((a, b) => (a[0]?.entry.span.start ?? 0) - (b[0]?.entry.span.start ?? 0));
  return found[0] ?? [];
}

/** The main run takes the first stream's batch where it reads none; each other stream's is a run beside it. */
export function withStreamBatches(ctx: ResolveContext, resolved: readonly ResolvedOptimizer[]): ResolvedOptimizer[] {
  const streams = streamBatches(ctx);
  const main = resolved.find((r) => r.optimizer.appliesTo === undefined) ?? resolved[0];
  if (streams.length < 2 || !main || main.optimizer.hyperparameters[NAME]?.source === 'written') return [...resolved];
  const read = (entry: ConfigEntry, stream: string): ReturnType<typeof writtenValue> => {
    const key = renderPath(entry.path);
    const value = writtenValue(ctx, NAME, entry, { key: entry.path, index: null, unit: null, unitWhen: null,
      text: key }, false);
    if (value) value.via = { rule: 'role', keyPath: key, confidence: 'medium', reason: `the per-device batch of ` +
      `the ${stream} data stream, one of several trained on together` };
    return value;
  };
  const [first, ...others] = streams;
  const own = first && read(first.entry, first.stream);
  if (!first || !own) return [...resolved];
  main.optimizer.hyperparameters[NAME] = own;
  const out = [...resolved];
  for (const { stream, entry } of others.slice(0, MAX_STREAMS)) {
    const value = read(entry, stream);
    if (!value) continue;
    const hyperparameters = { ...copyValues(main.optimizer.hyperparameters), [NAME]: value };
    out.push({ ...main, optimizer: { ...main.optimizer, hyperparameters, appliesTo: `the ${stream} data stream ` +
      `(each step also draws a per-device batch from it, beside the ${first.stream} batch)` } });
  }
  return out;
}
