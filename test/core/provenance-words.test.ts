/** How a value and the file's framework were found, in the words every surface shares (core/provenance-words.ts). */
import { describe, expect, it } from 'vitest';
import type { FileAnalysis } from '../../core/analysis';
import type { ExtractedOptimizer, ExtractedValue } from '../../core/hyperparams';
import {
  assumedPhrase, assumedValues, certaintyOf, ecosystemWords, nameFoundPhrase, plainPhrase, valueFoundPhrase,
  type EcosystemFacts,
} from '../../core/provenance-words';

const written = (via: ExtractedValue['via']): ExtractedValue =>
  ({ value: 0.95, raw: '0.95', key: 'optimizer.adam_beta2', line: 3, span: { start: 0, end: 4 }, source: 'written', via });
const TABLE = { rule: 'table', keyPath: 'optimizer.params.lr', confidence: 'high', reason: 'the DeepSpeed spelling `params.lr`' } as const;
const ROLE = {
  rule: 'role', keyPath: 'optimizer.adam_beta2', confidence: 'high',
  reason: '`adam_beta2` names β2 inside an optimizer block or call',
} as const;
const DEEPSPEED = { ecosystem: 'deepspeed', ecosystemName: 'DeepSpeed', ecosystemEvidence: 'content' } as const;
const GENERIC = { ecosystem: 'generic', ecosystemEvidence: 'none' } as const;

function adamw(hyperparameters: ExtractedOptimizer['hyperparameters']): ExtractedOptimizer {
  return { name: 'adamw', kind: 'adamw', implementation: 'torch.optim.AdamW', line: 1, span: null, weightDecaySemantics: 'lr', hyperparameters };
}

describe('how a value was found', () => {
  it('a framework table is certain; a name alone is likely in context, else a guess', () => {
    expect(certaintyOf(TABLE, DEEPSPEED)).toBe('certain');
    expect(certaintyOf(ROLE, DEEPSPEED)).toBe('likely');
    expect(certaintyOf({ ...ROLE, confidence: 'medium' }, DEEPSPEED)).toBe('a guess');
    // Without a framework even the shared spellings are read by name only; a framework guessed from the file name
    // makes its own spellings likely, not certain.
    expect(certaintyOf(TABLE, GENERIC)).toBe('likely');
    expect(certaintyOf(TABLE, { ...DEEPSPEED, ecosystemEvidence: 'filename' })).toBe('likely');
  });

  it('says which framework reads a table value, and why a role-inferred one was read', () => {
    expect(plainPhrase(valueFoundPhrase(written(TABLE), DEEPSPEED)!)).toBe('DeepSpeed key, certain');
    expect(plainPhrase(valueFoundPhrase(written(TABLE), { ...DEEPSPEED, ecosystemEvidence: 'filename' })!))
      .toBe('DeepSpeed key, likely (the framework is a guess)');
    expect(plainPhrase(valueFoundPhrase(written(ROLE), DEEPSPEED)!)).toBe(
      'Read by its name: `adam_beta2` names β2 inside an optimizer block or call (likely; no framework table spells it)');
    expect(plainPhrase(valueFoundPhrase(written(TABLE), GENERIC)!)).toBe('Read by its name (likely; no framework recognised)');
  });

  it('keeps config text quoted apart from its own words', () => {
    const phrase = valueFoundPhrase(written({ ...ROLE, reason: '`[x](command:y)` names β2 in a training block' }), DEEPSPEED)!;
    expect(phrase).toContainEqual({ code: '[x](command:y)' });
    expect(phrase.filter((p) => 'text' in p).map((p) => ('text' in p ? p.text : '')).join('')).not.toContain('command');
  });

  it('says how an optimizer\'s name was found when it was read by its name, and nothing when a table named it', () => {
    const nameVia = { rule: 'role', keyPath: 'optim_config.name', confidence: 'high', reason: '`name` names the optimizer' } as const;
    expect(plainPhrase(nameFoundPhrase({ ...adamw({}), nameVia }, DEEPSPEED)!))
      .toBe('The optimizer is named by `optim_config.name`, read by its name (likely).');
    expect(nameFoundPhrase(adamw({}), DEEPSPEED)).toBeNull();
  });

  it('has nothing to say of defaults and derived values (their own sentence says where they come from)', () => {
    expect(valueFoundPhrase({ ...written(TABLE), source: 'default', defaultFrom: 'fused_adam.py' }, DEEPSPEED)).toBeNull();
  });
});

describe('values the prediction assumed', () => {
  it('lists the family defaults used where neither the file nor a table gives the value, with their source', () => {
    const opt = adamw({ lr: written(TABLE), beta2: written(ROLE) });
    expect(assumedValues(opt)).toEqual({
      source: 'torch.optim.AdamW defaults (PyTorch docs)',
      values: [{ name: 'beta1', value: 0.9 }, { name: 'eps', value: 1e-8 }, { name: 'weightDecay', value: 0.01 }],
    });
    expect(plainPhrase(assumedPhrase(opt)!)).toBe('Assumed, as neither the file nor a framework table gives them: '
      + 'β1 `0.9`, ε `1e-8`, weight decay λ `0.01`, from torch.optim.AdamW defaults (PyTorch docs).');
  });

  it('counts a word the prediction cannot use (DeepSpeed `auto`) as assumed, and nothing for an unmodelled optimizer', () => {
    const auto = { ...written(TABLE), value: 'auto', raw: 'auto' };
    expect(assumedValues(adamw({ lr: auto }))?.values.map((v) => v.name)).toContain('lr');
    expect(assumedValues({ ...adamw({}), kind: null })).toBeNull();
    // A value the run sets is unknown: no default stands in for it.
    const fromRun = { ...auto, runtime: { kind: 'placeholder', expression: 'auto' } as const };
    expect(assumedValues(adamw({ lr: fromRun }))?.values.map((v) => v.name)).not.toContain('lr');
  });
});

describe('the file\'s framework', () => {
  const signals: FileAnalysis['ecosystemSignals'] = [
    { kind: 'key', text: 'stage' }, { kind: 'key', text: 'finetuning_type' }, { kind: 'key', text: 'cutoff_len' },
    { kind: 'key', text: 'template' }, { kind: 'call', text: 'trl.SFTConfig' },
  ];
  const llamafactory = { ecosystem: 'llamafactory', ecosystemName: 'LLaMA-Factory', ecosystemSignals: signals } as const;

  it('recognised from its content: the evidence, at most three pieces', () => {
    const words = ecosystemWords({ ...llamafactory, ecosystemEvidence: 'content' });
    expect(words).toMatchObject({ certainty: 'recognised', short: 'LLaMA-Factory' });
    expect(plainPhrase(words.sentence)).toBe('Looks like LLaMA-Factory (keys: `stage`, `finetuning_type`, `cutoff_len`).');
  });

  it('decided by the file name: a guess, said so', () => {
    const words = ecosystemWords({ ...llamafactory, ecosystemEvidence: 'filename',
      ecosystemSignals: [{ kind: 'key', text: 'stage' }, { kind: 'file-name', text: 'the file name' }] });
    expect(words).toMatchObject({ certainty: 'guess', short: 'LLaMA-Factory?' });
    expect(plainPhrase(words.sentence)).toBe('A guess: LLaMA-Factory, from the file name; keys: `stage`.');
  });

  it('a near tie of the content that the file name does not decide: a guess, with the rivals and their scores', () => {
    const trl: EcosystemFacts = { ecosystem: 'trl', ecosystemName: 'TRL / alignment-handbook', ecosystemEvidence: 'close',
      ecosystemSignals: [{ kind: 'key', text: 'packing' }],
      ecosystemNearTie: { score: 9, rivals: [{ id: 'huggingface', name: 'Hugging Face Trainer', score: 8 }] } };
    const words = ecosystemWords(trl);
    expect(words).toMatchObject({ certainty: 'guess', short: 'TRL / alignment-handbook?' });
    expect(plainPhrase(words.sentence)).toBe('A guess: TRL / alignment-handbook (keys: `packing`); Hugging Face Trainer '
      + 'fits nearly as well (8 against 9), and the file name does not decide. A `# optlens: ecosystem=trl` comment '
      + 'states it.');
    // Its spellings are then likely, not certain, as for a framework guessed from the file name.
    expect(certaintyOf(TABLE, trl)).toBe('likely');
    expect(plainPhrase(valueFoundPhrase(written(TABLE), trl)!)).toBe(
      'TRL / alignment-handbook key, likely (the framework is a guess)');
  });

  it('named by the file\'s own comment, and none recognised', () => {
    const stated = ecosystemWords({ ...llamafactory, ecosystemEvidence: 'content',
      ecosystemSignals: [{ kind: 'comment', text: 'ecosystem=llamafactory' }] });
    expect(stated.certainty).toBe('stated');
    expect(plainPhrase(stated.sentence)).toContain('as the file says in its `# optlens: ecosystem=` comment');
    const none = ecosystemWords(GENERIC);
    expect(none).toMatchObject({ certainty: 'none', short: 'no framework' });
    expect(plainPhrase(none.sentence)).toBe('No framework recognised: each value is read by what its name means.');
  });
});
