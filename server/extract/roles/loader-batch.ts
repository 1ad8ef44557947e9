/**
 * A batch the generic table reads by its name as the global one (`train_batch_size`, which is global in DeepSpeed's
 * JSON and OpenRLHF's flags) but that the script itself passes straight to a data loader's `batch_size`
 * (`DataLoader(train_dataset, batch_size=train_batch_size)`): torch's DataLoader yields that many samples on every
 * process (a DistributedSampler splits the dataset, not the batch; pytorch/pytorch torch/utils/data/distributed.py),
 * so the value is each device's batch (sentence-transformers' training examples, UKPLab/sentence-transformers
 * examples/training/ms_marco/train_bi-encoder_margin-mse.py; diffusers' and accelerate's example scripts likewise).
 * Only the generic table's by-name reading yields to the script's own use: a framework's table knows its spelling.
 */
import type { ResolveContext, ResolvedOptimizer } from '../resolve';
import { lastName } from '../match';
import { keyContext } from './context';

/** A data loader's callee (`torch.utils.data.DataLoader`, `DataLoader`, `build_train_loader`), as context.ts reads. */
const LOADER_CALLEE = /(^|\.)([A-Z]\w*Loader|\w*_(data)?loader)$/;

/** Where the literals that a training data loader's `batch_size` receives through a name are written. */
function loaderBatchSpans(ctx: ResolveContext): Set<number> {
  const out = new Set<number>();
  for (const e of ctx.index.byName.get('batch_size') ?? []) {
    if (e.origin === undefined || e.callee === undefined || !LOADER_CALLEE.test(e.callee)) continue;
    if (lastName(e.path) !== 'batch_size' || keyContext(e).kind === 'decoy') continue;
    out.add(e.span.start);
  }
  return out;
}

/** Re-reads, in place, a generic global batch that a training data loader takes as its batch as the micro-batch. */
export function loaderBatchesPerDevice(ctx: ResolveContext, resolved: readonly ResolvedOptimizer[]): void {
  if (ctx.table.id !== 'generic' || ctx.format !== 'python') return;
  const spans = loaderBatchSpans(ctx);
  if (spans.size === 0) return;
  for (const r of resolved) {
    const h = r.optimizer.hyperparameters;
    const global = h.globalBatchSize;
    if (global?.source !== 'written' || global.via?.rule !== 'table' || h.microBatchSize !== undefined) continue;
    if (global.span === null || !spans.has(global.span.start)) continue;
    const reason = 'passed as is to a data loader\'s batch_size, which yields that many samples on every process';
    h.microBatchSize = { ...global, via: { ...global.via, reason } };
    delete h.globalBatchSize;
  }
}
