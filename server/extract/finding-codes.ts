/**
 * The findings extraction makes, with a one-line summary and an example each: the README's table,
 * SARIF's rule descriptions, and the hover's title. Codes are stable; never reuse one for a new meaning.
 */
export interface FindingCodeInfo {
  code: string;
  summary: string;
  /** A file excerpt that triggers it, and what OptLens says or offers. */
  example: string;
}

export const EXTRACTION_FINDING_CODES: readonly FindingCodeInfo[] = [
  {
    code: 'pyyaml-exponent-string',
    summary: 'A number with an exponent but no dot (`1e-8`) that PyYAML (YAML 1.1) loads as a string; error where the framework uses plain PyYAML, information where a schema converts it, hint under OmegaConf.',
    example: 'LLaMA-Factory `learning_rate: 2e-5` → error, fix writes `2.0e-5`; NeMo `lr: 2e-4` → hint (OmegaConf reads a float)',
  },
  {
    code: 'ignored-key',
    summary: 'A key the framework drops without a word; the message gives the value actually used, the fix renames the key.',
    example: 'axolotl `adam_eps: 1e-6` → "the run uses eps = 1e-8 (the default)", fix renames to `adam_epsilon`',
  },
  {
    code: 'betas-string',
    summary: 'betas written as a string instead of a list (a YAML "tuple", a quoted JSON pair); the optimizer receives a string.',
    example: 'YAML `betas: (0.9, 0.999)` → fix writes `[0.9, 0.999]`; JSON `"betas": "0.9,0.95"` → `[0.9, 0.95]`',
  },
  {
    code: 'coupled-l2-weight-decay',
    summary: 'Adam with weight_decay adds λθ to the gradient (L2), not AdamW\'s decoupled decay; AdamW was probably meant.',
    example: '`_target_: torch.optim.Adam` + `weight_decay: 0.1` → fix writes `AdamW`; DeepSpeed `"adam_w_mode": false` → fix writes `true`',
  },
  {
    code: 'optimizer-semantics',
    summary: 'An optimizer name that runs something other than it says.',
    example: 'DeepSpeed `"type": "Adam"` → "runs AdamW (decoupled decay) unless adam_w_mode is false"',
  },
  {
    code: 'eps-fp16-underflow',
    summary: 'The optimizer computes √v + ε in fp16 (true half precision, not mixed precision) and ε ≤ 2.98e-8 rounds to 0 there.',
    example: 'Lightning `precision: 16-true` with `eps: 1.0e-8` → fix offers `1.0e-7`; DeepSpeed fp16 keeps ε in fp32: no finding',
  },
  {
    code: 'invalid-value',
    summary: 'A written value that is not a valid literal for its role (not a number, or not finite); the optimizer gets no prediction rather than a default in its place. A number inside a form a framework may parse itself (a search space, an expression) is a warning, not an error.',
    example: '`betas: [0..97, 0.95]` → error "`0..97` is not a valid β1"; `lr: 1e309` → error (not finite)',
  },
  {
    code: 'value-set-at-run-time',
    summary: 'A value the run sets (a Python call or undefined name, a shell variable, an interpolation, a template, DeepSpeed `auto`): shown as unknown (computed at run time), never replaced by a default; the predictions that need it are not shown.',
    example: '`AdamW(..., lr=get_lr())` → hint "The learning rate η is computed when the script runs (`get_lr()`)"',
  },
  {
    code: 'value-depends-on-branch',
    summary: 'A shell value set differently in the arms of an `if` or `case`: OptLens predicts from the arm the values the file writes select (a `case` subject, a test they decide), else the first, lists what the other arms give, and predicts each other arm that writes a value as a run of its own.',
    example: '`case "${MODEL_SCALE}"` with `GLOBAL_BATCH_SIZE=32` in `"800M")` and `=8` in `"8B")`, `MODEL_SCALE="800M"` → information at 32: "depends on which arm runs … `8` (line 20) in `"8B")`"',
  },
  {
    code: 'unrecognized-hyperparameter',
    summary: 'A number inside an optimizer block or call whose name OptLens does not know: it is not used in any prediction; the hint names the roles it may be.',
    example: '`optimizer: {adam_b2_decay: 0.95}` → hint "it may be β1 or β2"',
  },
  {
    code: 'not-a-hyperparameter',
    summary: 'A key in an optimizer block that looks like a hyperparameter but is something else, with the reason.',
    example: "`optimizer: {min_lr: 1e-5}` → hint \"the schedule's floor, not the peak learning rate\"",
  },
  {
    code: 'phase-not-predicted',
    summary: 'Several phases of one run written under numbered keys or as a list (one per sequence length, a list of stages): OptLens reads one phase; each other phase gets a hint at its first value saying it is not predicted.',
    example: 'bing_bert `mixed_seq_training: {"128": {...}, "512": {...}}` → hint "A second set of training settings (`mixed_seq_training[512]`) is not predicted"',
  },
  {
    code: 'inherited-values',
    summary: 'The file inherits from other files (`_BASE_`, `_base_`, a `defaults` list, gin `include`) that OptLens does not open: the values it does not write are theirs, and the values shown with a framework default are named.',
    example: 'detectron2 `_BASE_: "../Base-RCNN-FPN.yaml"` → hint "shown here with the framework\'s default instead: the learning rate, …"',
  },
  {
    code: 'beta-out-of-range',
    summary: 'β1, β2 or momentum outside [0, 1): the moving average never decays (≥ 1) or oscillates (< 0).',
    example: '`adam_beta2: 1.0` → error',
  },
  {
    code: 'lr-auto-scaled',
    summary: 'The framework rescales the learning rate by the batch when the run starts (mmengine auto_scale_lr): the run\'s lr is computed where the batch per device and data-parallel size are known, else the written lr is assumed and said to be.',
    example: '`auto_scale_lr = dict(enable=True, base_batch_size=256)`, 8 GPUs × 32 → information "the run\'s learning rate is 1e-3 × 1 = 1e-3"; without the GPU count → warning at the lr',
  },
  {
    code: 'lr-is-a-schedule-scale',
    summary: 'The schedule reads the written learning rate as a multiplier, not the peak (OpenNMT-py noam: × hidden_size^-0.5 × warmup^-0.5): the peak lr is derived and predicted where its factors are known, else the written lr is used and said to be.',
    example: '`decay_method: noam`, `learning_rate: 2.0`, `hidden_size: 512`, `warmup_steps: 8000` → information "2.0 × 512^-0.5 × 8000^-0.5 = 0.000988, the lr predicted"',
  },
  {
    code: 'rejected-by-torch',
    summary: "A written value PyTorch's optimizer refuses at construction (negative lr, ε or weight decay), with PyTorch's message; no prediction.",
    example: '`lr: -1.0e-3` → error "ValueError: Invalid learning rate: -0.001"',
  },
  {
    code: 'optimizers-not-analysed',
    summary: 'A file with more than 1,000 optimizer blocks (a generated sweep) is analysed for its first 1,000; the finding, at the first block left out, says how many of how many were not analysed.',
    example: '`optimizers:` with 1,200 AdamW dicts → information "Not analysed: 200 of 1,200 optimizer blocks, from this one on"',
  },
];
