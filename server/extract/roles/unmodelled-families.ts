/**
 * The family settings (β1, β2, ε, momentum) that optimizers OptLens does not model take, by the family their name
 * says. A block or factory shared by several optimizers writes every family's settings (meta-recsys/
 * generative-recommenders@db1bf8f dlrm_v3 train gin gives the embedding tables' RowWiseAdagrad the `momentum` and
 * `betas` its Adam sibling takes); a setting the named optimizer has no parameter for is not its setting.
 * Sources (PyTorch docs): torch.optim.Adagrad(lr, lr_decay, weight_decay, initial_accumulator_value, eps);
 * torch.optim.Adadelta(lr, rho, eps, weight_decay); torch.optim.RMSprop(lr, alpha, eps, weight_decay, momentum).
 * fbgemm_gpu's row-wise Adagrad (TorchRec EmbOptimType.EXACT_ROWWISE_ADAGRAD) takes learning_rate, eps, weight_decay.
 */
import type { HyperparameterName } from '../../../core/hyperparams';

const FAMILY_SETTINGS: readonly HyperparameterName[] = ['beta1', 'beta2', 'eps', 'momentum'];

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
