/**
 * A batch the code divides by the number of processes before using it counts every device: PyTorch's DDP
 * examples write the global batch and give each process its share, `args.batch_size = int(args.batch_size /
 * ngpus_per_node)` (pytorch/examples imagenet/main.py), `self.batch_size = int(self.batch_size / num_processes)`
 * (Lightning-AI/pytorch-lightning@7f0c343 examples/pytorch/domain_templates/imagenet.py), `batch_size //
 * world_size`, or into a per-process name, `local_batch_size = int(args.batch_size // accelerator.num_processes)`
 * (sihyun-yu/REPA@67f7145 train.py). A data loader that shares the batch itself does the same, and so does an
 * Accelerator that splits the loaders' batches (acceleratorSplitSpans):
 * `idist.auto_dataloader(ds, batch_size=config["batch_size"])` gives each process `batch_size // world_size`
 * (pytorch/ignite@de08e79 ignite/distributed/auto.py, auto_dataloader). The value written is then the global batch,
 * whatever its name says.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { ConfigEntry } from '../entries';

/** Names of the number of processes or devices a batch is shared among. */
const DEVICE_COUNT = /^(\w+\.)*(world_size|get_world_size\(\)|num_processes|nprocs|ngpus\w*|n_gpus?|num_gpus|gpus_per_node|num_devices|device_count\(\)|num_replicas|num_ranks|nproc_per_node)$/i;
/** A batch size's own name (the last part of `self.batch_size`, `args.batch_size`, `BS`). */
const BATCH = /batch|^bs$/i;
/** Loaders that divide their `batch_size` keyword by the number of processes (ignite/distributed/auto.py). */
const SPLITTING_LOADERS = /^(\w+\.)*auto_dataloader$/;
/** Assignments walked (a hostile file must not cost more). */
const MAX_NODES = 200_000;

function compact(text: string, node: SyntaxNode): string {
  return text.slice(node.from, node.to).replace(/\s+/g, '');
}

/** The last name of a target or operand: `batch_size` of `self.batch_size`, `args["batch_size"]`. */
function lastName(target: string): string {
  return (target.split(/[.[\]'"]+/).filter((s) => s !== '').pop() ?? target).toLowerCase();
}

/** `x / n` or `x // n` inside `node` (through `int(...)`, parentheses), as `[x, n]` texts. */
function division(text: string, node: SyntaxNode | null, depth = 0): [string, string] | null {
  if (!node || depth > 4) return null;
  if (node.name === 'BinaryExpression') {
    const op = node.getChild('ArithOp');
    const left = node.firstChild;
    const right = op?.nextSibling;
    const sign = op ? text.slice(op.from, op.to) : '';
    return left && right && (sign === '/' || sign === '//') ? [compact(text, left), compact(text, right)] : null;
  }
  const inner = node.name === 'CallExpression' ? node.getChild('ArgList')?.firstChild?.nextSibling :
    node.name === 'ParenthesizedExpression' ? node.firstChild?.nextSibling : null;
  return division(text, inner ?? null, depth + 1);
}

/** The last name of the `batch_size=` argument of a call, when it is a name (`config["batch_size"]` → batch_size). */
function loaderBatch(text: string, call: SyntaxNode): string | null {
  for (let arg = call.getChild('ArgList')?.firstChild ?? null; arg; arg = arg.nextSibling) {
    const value = arg.nextSibling?.name === 'AssignOp' ? arg.nextSibling.nextSibling : null;
    if (arg.name !== 'VariableName' || text.slice(arg.from, arg.to) !== 'batch_size' || !value) continue;
    const name = lastName(compact(text, value));
    return value.name === 'Number' || !BATCH.test(name) ? null : name;
  }
  return null;
}

/** The batch names the code divides by a process count: `x = int(x / n)`, `x = x // n`, `x //= n`. */
function splitBatches(text: string, tree: Tree): Set<string> {
  const out = new Set<string>();
  let seen = 0;
  tree.iterate({
    enter(ref) {
      if (++seen > MAX_NODES) return false;
      const node = ref.node;
      const first = node.firstChild;
      if (node.name === 'UpdateStatement' && first) {
        const op = node.getChild('UpdateOp');
        const right = op?.nextSibling;
        const sign = op ? text.slice(op.from, op.to) : '';
        if ((sign === '/=' || sign === '//=') && right && DEVICE_COUNT.test(compact(text, right))) {
          const name = lastName(compact(text, first));
          if (BATCH.test(name)) out.add(name);
        }
      } else if (node.name === 'AssignStatement' && first) {
        const split = division(text, node.lastChild);
        const target = compact(text, first);
        // `x = x / n`, or `local_x = x / n` where both are batch names: x counted every process.
        const same = split?.[0] === target || BATCH.test(lastName(split?.[0] ?? ''));
        if (split && same && DEVICE_COUNT.test(split[1]) && BATCH.test(lastName(target))) {
          out.add(lastName(split[0]));
        }
      } else if (node.name === 'CallExpression' && first && SPLITTING_LOADERS.test(compact(text, first))) {
        const batch = loaderBatch(text, node);
        if (batch) out.add(batch);
      }
      return true;
    },
  });
  return out;
}

/** accelerate's Accelerator, and the loaders whose batches it prepares. */
const ACCELERATOR = /(^|\.)Accelerator$/;
const LOADER = /(^|\.)DataLoader$/;

/**
 * The literals of the training loaders' `batch_size` when the run's Accelerator splits each batch across the processes
 * (`Accelerator(split_batches=True)`): every process then sees a share of the loader's batch, so the loader's batch is
 * the global one (huggingface/accelerate src/accelerate/accelerator.py `split_batches`: "If True, the actual batch size
 * used will be the same on any kind of distributed processes"; data_loader.py prepare_data_loader; seen in
 * lucidrains/denoising-diffusion-pytorch@faed4db Trainer, `Accelerator(split_batches = split_batches)` with the
 * default True). By span, so every name the literal reaches is marked.
 */
function acceleratorSplitSpans(entries: readonly ConfigEntry[]): Set<number> {
  const out = new Set<number>();
  const splits = entries.some((e) => ACCELERATOR.test(e.callee ?? '') && e.path.at(-1) === 'split_batches' &&
    e.value === true);
  if (!splits) return out;
  for (const e of entries) {
    if (LOADER.test(e.callee ?? '') && e.path.at(-1) === 'batch_size' && typeof e.value === 'number') {
      out.add(e.span.start);
    }
  }
  return out;
}

/** Marks `dividedOverDevices` on each entry written under a batch name the code divides by a process count. */
export function markDeviceSplits(text: string, tree: Tree, entries: ConfigEntry[]): ConfigEntry[] {
  const spans = acceleratorSplitSpans(entries);
  for (const e of entries) if (spans.has(e.span.start)) e.dividedOverDevices = true;
  const split = splitBatches(text, tree);
  if (split.size === 0) return entries;
  for (const e of entries) {
    const key = e.origin ?? e.path;
    const name = (key[key.length - 1] ?? '').replace(/^-+/, '').replace(/-/g, '_').toLowerCase();
    if (split.has(name)) e.dividedOverDevices = true;
  }
  return entries;
}
