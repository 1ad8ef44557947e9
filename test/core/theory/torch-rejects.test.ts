/** What PyTorch's optimizers refuse, in PyTorch's words (core/theory/torch-rejects.ts, science.md §7.4). */
import { describe, expect, it } from 'vitest';
import { parsePredictionFlags } from '../../../cli/prediction-flags';
import { defaultPredictionInput, validatePredictionInput } from '../../../core/theory/input';
import { pythonFloat, torchRejections } from '../../../core/theory/torch-rejects';

describe('pythonFloat: Python\'s repr of a float', () => {
  it.each([
    [1e-8, '1e-08'], [-0.001, '-0.001'], [1, '1.0'], [0.0001, '0.0001'], [0.00001, '1e-05'], [1.5, '1.5'],
    [123.456, '123.456'], [1e16, '1e+16'], [-5e-5, '-5e-05'], [0, '0.0'], [1e15, '1000000000000000.0'], [0.1 + 0.2, '0.30000000000000004'],
  ])('%d → %s', (x, text) => expect(pythonFloat(x)).toBe(text));
});

describe('torchRejections', () => {
  it('AdamW: negative lr, ε, weight decay and β outside [0, 1), with torch\'s messages', () => {
    expect(torchRejections({ optimizer: 'adamw', lr: -1e-3, eps: -1e-8, beta1: 1, beta2: -0.1, weightDecay: -0.1 }).map((r) => r.message)).toEqual([
      'Invalid learning rate: -0.001', 'Invalid epsilon value: -1e-08', 'Invalid beta parameter at index 0: 1.0',
      'Invalid beta parameter at index 1: -0.1', 'Invalid weight_decay value: -0.1',
    ]);
    expect(torchRejections({ optimizer: 'adamw', lr: 0, eps: 0, beta1: 0, beta2: 0.999, weightDecay: 0 })).toEqual([]);
  });

  it('SGD: Nesterov needs momentum > 0 and dampening 0; momentum ≥ 1 is allowed by torch', () => {
    const nesterov = 'Nesterov momentum requires a momentum and zero dampening';
    expect(torchRejections({ optimizer: 'sgd', nesterov: true, momentum: 0.9, dampening: 0.1 })).toEqual([{ field: 'dampening', message: nesterov }]);
    expect(torchRejections({ optimizer: 'sgd', nesterov: true, momentum: 0, dampening: 0 })).toEqual([{ field: 'nesterov', message: nesterov }]);
    expect(torchRejections({ optimizer: 'sgd', nesterov: true, momentum: 0.9, dampening: 0 })).toEqual([]);
    expect(torchRejections({ optimizer: 'sgd', momentum: -0.5 })).toEqual([{ field: 'momentum', message: 'Invalid momentum value: -0.5' }]);
    expect(torchRejections({ optimizer: 'sgd', momentum: 1.5 })).toEqual([]);
  });

  it('not a torch.optim class: nothing', () => {
    expect(torchRejections({ optimizer: 'lion', lr: -1 })).toEqual([]);
  });
});

describe('the prediction refuses what torch refuses', () => {
  it('validatePredictionInput puts torch\'s message first', () => {
    const [first] = validatePredictionInput(defaultPredictionInput({ optimizer: 'sgd', momentum: 0.9, dampening: 0.5, nesterov: true }));
    expect(first).toEqual({ field: 'dampening', message: 'torch.optim refuses it: ValueError: Nesterov momentum requires a momentum and zero dampening' });
  });

  it('the CLI says it as a usage error naming the flag', () => {
    expect(() => parsePredictionFlags(['--optimizer', 'sgd', '--momentum', '0.9', '--dampening', '0.5', '--nesterov']))
      .toThrow('--dampening: torch.optim refuses it: ValueError: Nesterov momentum requires a momentum and zero dampening');
    expect(() => parsePredictionFlags(['--optimizer', 'adamw', '--lr', '-1e-3'])).toThrow('--lr: torch.optim refuses it: ValueError: Invalid learning rate: -0.001');
  });
});
