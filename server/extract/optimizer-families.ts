/**
 * Which family settings (β1, β2, ε, momentum) each optimizer takes: a framework's Adam defaults mean nothing to its
 * Muon or SGD, and a block or factory shared by several optimizers writes every family's settings
 * (meta-recsys/generative-recommenders@db1bf8f dlrm_v3 train gin gives the embedding tables' RowWiseAdagrad the
 * `momentum` and `betas` its Adam sibling takes). A setting the optimizer has no parameter for is not its setting.
 * Optimizers OptLens models are known by their kind; the others by the family their name says.
 * Sources (PyTorch docs): torch.optim.Adagrad(lr, lr_decay, weight_decay, initial_accumulator_value, eps);
 * torch.optim.Adadelta(lr, rho, eps, weight_decay); torch.optim.RMSprop(lr, alpha, eps, weight_decay, momentum).
 * fbgemm_gpu's row-wise Adagrad (TorchRec EmbOptimType.EXACT_ROWWISE_ADAGRAD) takes learning_rate, eps, weight_decay.
 */
import type { HyperparameterName, OptimizerKind } from '../../core/hyperparams';

/** The settings that belong to one optimizer family or another; every optimizer takes the rest (lr, decay, ...). */
const FAMILY_SETTINGS: readonly HyperparameterName[] = ['beta1', 'beta2', 'eps', 'momentum'];

/** The family settings each kind OptLens models uses. */
const USES: Record<OptimizerKind, readonly HyperparameterName[]> = {
  adamw: ['beta1', 'beta2', 'eps'],
  adam: ['beta1', 'beta2', 'eps'],
  sgd: ['momentum'],
  signsgd: [],
  signsgdm: ['beta1', 'momentum'],
  lion: ['beta1', 'beta2'],
  muon: ['momentum'],
};

/** Whether an optimizer of `kind` takes `hp` (an unknown kind may take anything). */
export function familyUses(kind: OptimizerKind | null, hp: HyperparameterName): boolean {
  return kind === null || !FAMILY_SETTINGS.includes(hp) || USES[kind].includes(hp);
}

/** The family settings optimizers OptLens does not model take, by a pattern of their name. */
const TAKES: ReadonlyArray<readonly [RegExp, readonly HyperparameterName[]]> = [
  [/adagrad/i, ['eps']],
  [/adadelta/i, ['eps']],
  [/rmsprop/i, ['eps', 'momentum']],
];

/** The family settings an unmodelled optimizer named `name` has no parameter for; none where its family is unknown. */
export function settingsNotTaken(name: string): HyperparameterName[] {
  const takes = TAKES.find(([pattern]) => pattern.test(name))?.[1];
  return takes ? FAMILY_SETTINGS.filter((hp) => !takes.includes(hp)) : [];
}
