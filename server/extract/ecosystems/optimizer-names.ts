/**
 * Optimizer classes shared by many ecosystems (torch.optim, bitsandbytes, optax, Lion, Muon), with their
 * defaults as their own sources state them. Tables spread these into their scope's `names` and add
 * their framework's spellings (`adamw_torch_fused`, `decoupled_adamw`).
 */
import type { Defaults, OptimizerInfo } from './types';

const TORCH_ADAMW_SOURCE = 'torch.optim.AdamW defaults (torch/optim/adamw.py, PyTorch 2.x): betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01';
const TORCH_ADAM_SOURCE = 'torch.optim.Adam defaults (torch/optim/adam.py, PyTorch 2.x): betas=(0.9, 0.999), eps=1e-8, weight_decay=0';
const TORCH_SGD_SOURCE = 'torch.optim.SGD defaults (torch/optim/sgd.py, PyTorch 2.x): momentum=0, weight_decay=0';
const TORCH_MUON_SOURCE = 'torch.optim.Muon defaults (torch/optim/_muon.py, pytorch@098e03f9): lr=1e-3, momentum=0.95, weight_decay=0.1';

export const TORCH_ADAMW_DEFAULTS: Defaults = {
  beta1: { value: 0.9, from: TORCH_ADAMW_SOURCE },
  beta2: { value: 0.999, from: TORCH_ADAMW_SOURCE },
  eps: { value: 1e-8, from: TORCH_ADAMW_SOURCE },
  weightDecay: { value: 0.01, from: TORCH_ADAMW_SOURCE },
};

export const TORCH_ADAM_DEFAULTS: Defaults = {
  beta1: { value: 0.9, from: TORCH_ADAM_SOURCE },
  beta2: { value: 0.999, from: TORCH_ADAM_SOURCE },
  eps: { value: 1e-8, from: TORCH_ADAM_SOURCE },
  weightDecay: { value: 0, from: TORCH_ADAM_SOURCE },
};

export const TORCH_ADAMW: OptimizerInfo = { kind: 'adamw', implementation: 'torch.optim.AdamW', weightDecaySemantics: 'lr', defaults: TORCH_ADAMW_DEFAULTS };
export const TORCH_ADAM: OptimizerInfo = {
  kind: 'adam',
  implementation: 'torch.optim.Adam',
  weightDecaySemantics: 'coupled-l2',
  defaults: TORCH_ADAM_DEFAULTS,
  decoupledName: 'AdamW',
};
export const TORCH_SGD: OptimizerInfo = {
  kind: 'sgd',
  implementation: 'torch.optim.SGD',
  weightDecaySemantics: 'coupled-l2',
  defaults: { momentum: { value: 0, from: TORCH_SGD_SOURCE }, weightDecay: { value: 0, from: TORCH_SGD_SOURCE } },
};
export const TORCH_MUON: OptimizerInfo = {
  kind: 'muon',
  implementation: 'torch.optim.Muon',
  weightDecaySemantics: 'lr',
  defaults: { momentum: { value: 0.95, from: TORCH_MUON_SOURCE },
    weightDecay: { value: 0.1, from: TORCH_MUON_SOURCE } },
};
export const LION: OptimizerInfo = {
  kind: 'lion',
  implementation: 'lion_pytorch.Lion',
  weightDecaySemantics: 'lr',
  defaults: { beta1: { value: 0.9, from: 'lion-pytorch Lion defaults: betas=(0.9, 0.99)' }, beta2: { value: 0.99, from: 'lion-pytorch Lion defaults: betas=(0.9, 0.99)' } },
};
/** Optimizers OptLens cannot model yet; still reported with their values. */
export function unmodelled(implementation: string): OptimizerInfo {
  return { kind: null, implementation, weightDecaySemantics: 'lr' };
}

/** Class names as written in `_target_`, `class_path`, `_component_`, or Python calls (looked up by last component
 * too). */
export const TORCH_NAMES: Record<string, OptimizerInfo> = {
  'torch.optim.AdamW': TORCH_ADAMW,
  AdamW: TORCH_ADAMW,
  'torch.optim.Adam': TORCH_ADAM,
  Adam: TORCH_ADAM,
  'torch.optim.SGD': TORCH_SGD,
  SGD: TORCH_SGD,
  'torch.optim.Muon': TORCH_MUON,
  Muon: { ...TORCH_MUON, implementation: 'Muon' },
  Lion: LION,
  'bitsandbytes.optim.AdamW8bit': { ...TORCH_ADAMW, implementation: 'bitsandbytes.optim.AdamW8bit' },
  AdamW8bit: { ...TORCH_ADAMW, implementation: 'bitsandbytes.optim.AdamW8bit' },
  PagedAdamW8bit: { ...TORCH_ADAMW, implementation: 'bitsandbytes.optim.PagedAdamW8bit' },
  PagedAdamW: { ...TORCH_ADAMW, implementation: 'bitsandbytes.optim.PagedAdamW' },
  'torchao.optim.AdamW8bit': { ...TORCH_ADAMW, implementation: 'torchao.optim.AdamW8bit' },
  'torchao.optim.AdamWFp8': { ...TORCH_ADAMW, implementation: 'torchao.optim.AdamWFp8' },
  RMSprop: unmodelled('torch.optim.RMSprop'),
  Adagrad: unmodelled('torch.optim.Adagrad'),
  Adafactor: unmodelled('Adafactor'),
  RAdam: unmodelled('torch.optim.RAdam'),
  NAdam: unmodelled('torch.optim.NAdam'),
  Adamax: unmodelled('torch.optim.Adamax'),
  LAMB: unmodelled('LAMB'),
  Lamb: unmodelled('LAMB'),
  // The rest of torch.optim (torch/optim/__init__.py): named, so a block that builds one is read as an optimizer.
  Adadelta: unmodelled('torch.optim.Adadelta'),
  Rprop: unmodelled('torch.optim.Rprop'),
  ASGD: unmodelled('torch.optim.ASGD'),
  LBFGS: unmodelled('torch.optim.LBFGS'),
  SparseAdam: unmodelled('torch.optim.SparseAdam'),
};

/**
 * Optimizer names written in any framework's own spelling, for role inference: a name OptLens recognises is
 * never predicted as another optimizer. Families the science core models map to their kind; the rest are
 * reported as not modelled (with their values). Lower-case, matched on the name's last component.
 */
export const KNOWN_OPTIMIZER_NAMES: Record<string, OptimizerInfo> = {
  adamw: { kind: 'adamw', implementation: 'AdamW', weightDecaySemantics: 'lr' },
  adam: { kind: 'adam', implementation: 'Adam', weightDecaySemantics: 'coupled-l2', decoupledName: 'AdamW' },
  fusedadam: { kind: 'adamw', implementation: 'FusedAdam', weightDecaySemantics: 'lr' },
  adamw8bit: { kind: 'adamw', implementation: 'AdamW (8-bit)', weightDecaySemantics: 'lr' },
  sgd: { kind: 'sgd', implementation: 'SGD', weightDecaySemantics: 'coupled-l2' },
  momentum: { kind: 'sgd', implementation: 'SGD with momentum', weightDecaySemantics: 'coupled-l2' },
  muon: { kind: 'muon', implementation: 'Muon', weightDecaySemantics: 'lr' },
  lion: { kind: 'lion', implementation: 'Lion', weightDecaySemantics: 'lr' },
  signsgd: { kind: 'signsgd', implementation: 'signSGD', weightDecaySemantics: 'lr' },
  adafactor: unmodelled('Adafactor'),
  sophia: unmodelled('Sophia'),
  sophiag: unmodelled('SophiaG'),
  lamb: unmodelled('LAMB'),
  fusedlamb: unmodelled('FusedLAMB'),
  lars: unmodelled('LARS'),
  shampoo: unmodelled('Shampoo'),
  soap: unmodelled('SOAP'),
  adan: unmodelled('Adan'),
  came: unmodelled('CAME'),
  galore: unmodelled('GaLore'),
  galore_adamw: unmodelled('GaLore AdamW'),
  adagrad: unmodelled('Adagrad'),
  rmsprop: unmodelled('RMSprop'),
  radam: unmodelled('RAdam'),
  nadam: unmodelled('NAdam'),
  adamax: unmodelled('Adamax'),
  adabelief: unmodelled('AdaBelief'),
  ademamix: unmodelled('AdEMAMix'),
  schedule_free_adamw: unmodelled('Schedule-free AdamW'),
  adamwschedulefree: unmodelled('Schedule-free AdamW'),
  apollo: unmodelled('APOLLO'),
  dion: unmodelled('Dion'),
  scion: unmodelled('Scion'),
  prodigy: unmodelled('Prodigy'),
  novograd: unmodelled('NovoGrad'),
  adopt: unmodelled('ADOPT'),
  // Tianshou's factory for an algorithm's modules: torch.optim.Adam(params, lr, betas, eps, weight_decay) with its own
  // defaults (thu-ml/tianshou@f240205 tianshou/algorithm/optim.py:89-110), which are torch Adam's.
  'tianshou.algorithm.optim.AdamOptimizerFactory': {
    ...TORCH_ADAM, implementation: 'torch.optim.Adam (Tianshou AdamOptimizerFactory)',
    defaults: Object.fromEntries(Object.entries(TORCH_ADAM_DEFAULTS).map(([k, d]) => [k, { ...d, from:
      'thu-ml/tianshou@f240205 tianshou/algorithm/optim.py AdamOptimizerFactory: betas=(0.9, 0.999), eps=1e-08, ' +
      'weight_decay=0' }])),
  },
};
