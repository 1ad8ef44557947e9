/** Training scripts are recognised by what they import and call, not by the folder they sit in. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

const DIFFUSERS_SCRIPT = [
  'import argparse',
  'import torch',
  'from diffusers.optimization import get_scheduler',
  'def parse_args():',
  '    parser = argparse.ArgumentParser()',
  '    parser.add_argument("--pretrained_model_name_or_path", type=str, default=None)',
  '    parser.add_argument("--train_batch_size", type=int, default=16)',
  '    parser.add_argument("--learning_rate", type=float, default=1e-4)',
  '    parser.add_argument("--lr_scheduler", type=str, default="constant")',
  '    parser.add_argument("--lr_warmup_steps", type=int, default=500)',
  '    parser.add_argument("--adam_weight_decay", type=float, default=1e-2)',
  '    return parser.parse_args()',
  'def main():',
  '    args = parse_args()',
  '    optimizer_cls = torch.optim.AdamW',
  '    optimizer = optimizer_cls(params, lr=args.learning_rate, weight_decay=args.adam_weight_decay)',
  '',
].join('\n');

describe('script detection', () => {
  test('a diffusers training script: its argparse options are the diffusers flags, its optimizer AdamW', () => {
    const x = extract(DIFFUSERS_SCRIPT, 'examples/text_to_image/train_text_to_image_lora.py');
    expect(x.ecosystem).toBe('diffusers');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ kind: 'adamw' });
    expect(value(x, 'lr')).toMatchObject({ value: 1e-4, line: 8 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.01, line: 11 });
    expect(value(x, 'schedule')).toMatchObject({ value: 'constant', line: 9 });
  });

  test('a script in a configs/ folder with nothing of OpenMMLab in it is not guessed to be an OpenMMLab config', () => {
    const text = 'import torch\nlr = 0.1\nbatch_size = 64\nopt = make_optimizer(lr=lr)\n';
    const x = extract(text, 'repo/configs/exp/train.py');
    expect(x.ecosystem).not.toBe('mmlab');
    // An OpenMMLab `_base_` file still is, by its folder.
    expect(extract('lr = 0.1\n', 'configs/_base_/schedules/sgd.py').ecosystem).toBe('mmlab');
  });
});
