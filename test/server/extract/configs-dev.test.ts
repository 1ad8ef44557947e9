/**
 * The development two thirds of the hand-annotated real configs (test/fixtures/configs/dev; the blind third is
 * never read here): the annotations are consistent with the files, the scoring counts what it should, and
 * extraction finds at least DEV_FLOOR of the written values at the right value and line, without a crash.
 * `node scripts/score-configs.mjs dev` prints the same score with every miss.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import {
  type ConfigEntry, expectations, judge, percent, type ScoredExtraction, scoreSplit, unaliased,
} from './config-score';

const FOLDER = join(__dirname, '../../fixtures/configs/dev');
const manifest = JSON.parse(readFileSync(join(FOLDER, 'MANIFEST.json'), 'utf8')) as { entries: ConfigEntry[] };
const entries = manifest.entries;
const read = (file: string): string => readFileSync(join(FOLDER, file), 'utf8');

/**
 * The share of dev values extraction must find. The code at commit 4f4f7d1 found 58.3% (dev/BASELINE.md); on
 * 2026-12-07 it finds 793/794 of the 117 files' values. Raise this as extraction improves, never lower it; the 1%
 * margin leaves room for a corrected annotation, not for a rule that stops reading a style. The generalisation
 * target, on the blind set, is 95%. The floor applies to the files annotated before the third round.
 */
const DEV_FLOOR = 0.99;
/**
 * The share of the third round's values (entries with `added: 'third-round'`: ecosystems dev had not seen,
 * annotated by hand before OptLens ran on them) extraction must find: 109/163 (66.9%) before that round's rules,
 * 150/163 (92.0%) after them.
 */
const THIRD_ROUND_FLOOR = 0.91;
/**
 * The same for the fourth round (entries with `added: 'fourth-round'`, collected by three helpers: declarative
 * configs, Python, shell launchers; annotated by hand before OptLens ran on them): 213/270 (78.9%) before that round's
 * rules (C1 YAML/JSON/gin 64/92, C2 Python 52/73, C3 shell 97/105), 258/267 (96.6%) after them at 9effe91 (the
 * total fell to 267 as annotations were corrected from their frameworks' sources), 261/267 (97.8%) once the shell
 * rules landed (cc0e6b1: option-parsing case arms, for-loop variables, accumulation dividends, the SkyRL table; all
 * 105 shell values found), 266/267 (99.6%) at 00aecfe once the Python rules (deab1bb) and the declarative ones
 * (roles/block-words.ts, MONAI @references, run blocks, gin macros read through their bindings; all 92 C1 values
 * found) landed, 267/267 (100%) at fbecd3d once a trailing comment names the role of a name that says nothing (the
 * last C2 value, nanodo's `L=512,  # max context/sequence length`; C2 Python 70/70). A collector whose rules land
 * later raises it.
 */
const FOURTH_ROUND_FLOOR = 0.99;
/**
 * The same for the fifth round (entries with `added: 'fifth-round'`, collected by two helpers and annotated by hand
 * before OptLens ran on them: C4 ecosystems dev had none of (time series, GNNs, RL, recommendation, speech,
 * scientific ML), 45/57 before; C5 LLM post-training trainers (prime-rl, EasyR1, AReaL, XTuner v1, LMFlow), 41/48
 * before): 86/105 (81.9%) before that round's rules, 103/105 (98.1%) at b2b1771 once the C5 tables (prime-rl,
 * AReaL, XTuner) landed, with two C4 values (a Tianshou optimizer factory, a PyG loader batch) left to C4's rules;
 * 105/105 (100%) at f54a39e once C4's rules landed (23a98a5: a later shell command's flag is another run, not an
 * override; --mini-batch-size, num_warmup_epochs; f54a39e: `actor_optim = …` names an optimizer, a *Loader call is
 * a training context; C4 57/57). C5 then added two vision files (SAM 2, Open-Sora; 9/12 before): 95/117 (81.2%)
 * before the round's rules, 117/117 (100%) at f290fd1 with the SAM 2 and Open-Sora tables (3707c17); with C5's
 * last two (LTX-Video-Trainer YAML, DiffSynth-Studio shell; 7/7 before any rule of theirs) 102/124 (82.3%) before and
 * 124/124 after. A collector whose rules land later raises it.
 */
const FIFTH_ROUND_FLOOR = 0.99;
/**
 * The same for the sixth round (entries with `added: 'sixth-round'`: training jobs as people launch them; C6: two
 * Determined experiment configs, a Composer script, a SkyPilot task YAML running llm.c, then two Lightning CLI YAML
 * files, aframe and rslearn, two ClearML examples and an Anyscale Ray Train launcher): the first four 11/19 (57.9%)
 * before the round's rules, 18/19 (94.7%) at a6413cd once a YAML file's embedded commands are read with the shell
 * tables (detect.ts EMBEDDED) and `num_sgd_steps` is a run length; the later five 15/15 before (scored after
 * a6413cd): 26/34 (76.5%) before any C6 rule, 33/34 (97.1%) after. The one left is a bare `train_batch_size` under a
 * user's own hyperparameters, per device for that trainer but global in DeepSpeed: its meaning is the trainer's
 * code. A collector whose rules land later raises it.
 */
const SIXTH_ROUND_FLOOR = 0.96;
/**
 * The same for the seventh round (entries with `added: 'seventh-round'`, from repositories dev had none of, collected
 * by three helpers: C7 non-LLM YAML/JSON configs (fairchem, NequIP, MatterGen, Amphion, anomalib), C8 Python training
 * scripts, C9 shell and Slurm launchers): 106/132 (80.3%) before the round's rules (C7 20/30 with nequip's
 * trainer.max_epochs re-annotated as a decoy at 8a5ba9a, C8 36/48, C9 50/54), 126/132 (95.5%) at 210ecdc (C8's
 * 4595a8c, C7's fairchem and Amphion tables), 128/132 (97.0%) at d9cc73c (C9's timm optimizer flags, C8's `blr`),
 * 129/132 (97.7%) with airbench96's lr annotated as the product the SGD gets, 131/132 (99.2%) with `# initial wd`
 * and `# lr schedule` comments read as their roles. A later collector's rules raise it.
 */
const SEVENTH_ROUND_FLOOR = 0.98;
/**
 * The same for the eighth round (entries with `added: 'eighth-round'`: declarative configs, YAML, JSON, TOML, gin and
 * INI, collected by helpers from repositories split by the SHA-256 of their name; C10: rl_games, FunASR, audiocraft,
 * anemoi, uni2ts, D-FINE, ROLL, Modalities, PhysicsNeMo, RVC and further torchtitan, PufferLib, Levanter,
 * LLaMA-Factory, SpeechBrain, DeepSpeed and T5X files): C10's 18 files 99/111 (89.2%, 4 decoys read) before the
 * round's rules, 111/111 (3 decoys read) after C10's (rl_games, audiocraft and Modalities tables, a YAML/TOML/INI
 * trailing comment as help, listed parameter groups, SpeechBrain's run scheduler, a batch its comment calls the total,
 * a frozen part's optimizer left out; 1afda81).
 * C11 added 19 files of code and launchers (Python and shell: icefall, openpi, Kauldron, a torchtitan
 * Python config registry, Tianshou, MLPerf Training, slime, Megatron-FSDP; and the YAML their trainers read: Cerebras
 * Model Zoo, Mava, TorchGeo, ClimaX, mosaicml/diffusion, audiocraft, PhysicsNeMo, NeMo-RL, Oumi, LLaMA-Factory,
 * SpeechBrain): 106/135 (78.5%, 3 decoys read) before the round's rules (at 2455689), 106/134 once openpi's unread
 * SGD.lr field became a decoy; the round's 37 files together 207/245 (84.5%); 210/245 (85.7%) with a Lightning CLI
 * module's own `lr`/`momentum` read; 217/245 (88.6%; C11 118/134) with a token micro-batch and a training context
 * length read in Python configs, and a schedule word inside a schedule-holding call preferred to the call's class.
 * A later collector's rules raise it.
 * C13 added 14 files of mainstream LLM frameworks in their newest styles and a mix of others (TorchForge GRPO,
 * HALOs, a Search-R1 veRL launcher, Trinity-RFT, open-instruct grpo_fast, a Megatron-LM RL model config, a torchtitan
 * RL config registry, MaxText post-training RL, NeMo-RL Megatron SFT, LLaMA-Factory Adam-mini; F5-TTS, Protenix,
 * MuJoCo Playground, LightningDiT): 67/85 (78.8%, 1 decoy read) before the round's rules (the shared tree at
 * e0444cd); the round's 51 files together 296/330 (89.7%).
 * C12 added 15 Python files across research and production code (AXLearn Fuji, Moonlight, Swin-Transformer yacs
 * defaults, gsplat, DGL Graphormer, F5-TTS fine-tuning CLI, CORL Decision Transformer; further xtuner RL, LeRobot,
 * OpenCLIP, diffusers, open-instruct, modded-nanogpt, torchtitan Flux and MLX files): 134/169 (79.3%, 7 decoys read)
 * before the round's rules (the shared tree at cf45164); the round's 66 files together 436/499 (87.4%).
 * C11's rules since (PhysicsNeMo examples table, Composer max_duration, konfig `cfg.ref`, slime's dynamic batch):
 * 447/499 (89.6%) at 82dd931, C11's files 125/134.
 * C13's rules since (num_warmup_updates, iters_to_accumulate, total_episodes and pack_length spellings; MaxText RL,
 * HALOs and Trinity-RFT tables; one settings container per config function a run; Brax's batch re-annotated as
 * global from its source): C13's files 79/85 (92.9%, 0 decoys read); the round 459/500 (91.8%) at dab6a64.
 * C12's rules since (a LeRobot table; a schedule's config call as a schedule block; normalization and advantage
 * blocks as decoys; accum_freq; `return a, b` as one tuple; a comment on the line above as help; `for _ in
 * range(n):` as the script's own code), with the others': C12's files 140/169 (82.8%, 4 decoys read), the round
 * 461/500 (92.2%) at e9f7127.
 * C13 after its rules (OmegaConf arithmetic resolvers `${sum:...}` and a Protenix table since): C13's files 67/85
 * (78.8%, 1 decoy read) before, 83/85 (97.6%, 0 decoys read) after; the round 464/500 (92.8%) at 175941a.
 * The seven epoch counts C12 had annotated as a run length in epochs became decoys, as dev annotates an epoch count
 * (ef5e7e7): 464/493. With an in-file optimizer class's signature defaults, defaults functions, a sequence length
 * left to a signature and dataset classes as training (G1): 473/493 (95.9%, round-wide decoys read unchanged) at
 * 5d2656d, the end of the round: 406/500 (81.2%) before its rules.
 */
const EIGHTH_ROUND_FLOOR = 0.95;
/**
 * The same for the ninth round (entries with `added: 'ninth-round'`: Python and shell files drawn without choosing
 * from unannotated/, sorted by the SHA-256 of their path, the first 22 that set an optimizer's learning rate or name;
 * big_vision, flax, NeMo 2, modded-nanogpt, OLMo-core, mmpretrain, detectron2, pytorch/examples, veRL, slime,
 * ms-swift): 115/124 (92.7%, 0 decoys read) before the round's rules (the shared tree at e8755c7); 122/124 (98.4%,
 * 0 decoys read) at ffa59d4 with a config function's decided conditional expression and its branches' table spellings,
 * OLMo-core's cookbook train module, a Muon-type `mu` and max_input_length. The two left: a NeMo 2 finetune recipe's
 * max_steps parameter that reaches a local `trainer` the reader does not follow, and a data generator's seq_len
 * default no call overrides.
 */
const NINTH_ROUND_FLOOR = 0.98;
/**
 * The same for the tenth round (entries with `added: 'tenth-round'`: declarative files, YAML, JSON, TOML, gin or INI,
 * drawn without choosing from unannotated/, sorted by the SHA-256 of their path, the first 14 that set an optimizer's
 * learning rate or name; 8 skipped that set neither; 12 YAML, 1 JSON, 1 TOML: axolotl, OLMo, fairseq wav2vec, litgpt,
 * NeMo 1, torchtitan, alignment-handbook, DeepSpeed, torchtune): 107/108 (99.1%, 0 decoys read) before the round's
 * rules (the shared tree at 7b27cdf). Its one miss, torchtune's async GRPO `orchestration.num_steps`, read since the
 * torchtune table knows the async recipes' `training.optimizer` block and their run length: 108/108 (100%).
 */
const TENTH_ROUND_FLOOR = 1;
/**
 * The same for the eleventh round (entries with `added: 'eleventh-round'`: declarative configs chosen from public
 * repositories, annotated by hand before OptLens ran on them). C14's 12 files (YAML 10, JSON 1, gin 1: x-flux,
 * TorchRL GRPO, graph-pes, 3D-Speaker, 4M, T5X decoder-only, LatentSync, NeMo Automodel, a MONAI bundle, Oumi,
 * EfficientViT, a FunASR template): 67/77 (87.0%, 2 decoys read) before the round's rules (the shared tree at
 * 32978fe). C15's 15 files (Python 7, shell 8: flame argparse defaults, VLM-R1 GRPO torchrun, Lumina-T2X Next-DiT,
 * Vision Mamba, an envpool PPO example, Uni-Mol docking, an InternEvo config, icefall Matcha-TTS, an OLMo-core example,
 * slime SFT, open-instruct DPO, a nanotron config builder, VL-Rethinker, a SmolLM fine-tuning script, Skywork-OR1):
 * 79/93 (84.9%, 2 decoys read) before the round's rules (the shared tree at e999a84). Both: 146/170 (85.9%).
 * After the round's rules so far: 166/170 (97.6%, 1 decoy read) at 52d0edd; C15's files 93/93, 0 decoys read
 * (dotted argparse options, InternEvo's micro_num, nanotron's optimizer_factory, OLMo-core's group_overrides, veRL's
 * dynamic batches). 167/170 (98.2%, 0 decoys read) at a618550; C14's files 74/77, 0 decoys read (speakerlab's `<name>`
 * references and `obj:` keys, `lr_schedule_name`, an RL `env` block, a loader's settings block, `optim_batch_size`, and
 * the diffusers-config, EfficientViT and 4M tables). The three left: x-flux's top-level train_batch_size, which the
 * script only logs (its loader block's batch, the same number, is read: one batch per optimizer), and 4M's
 * total_tokens and warmup_tokens, counted in billions of tokens, which no unit reads without a scale.
 */
const ELEVENTH_ROUND_FLOOR = 0.98;
/**
 * The same for the twelfth round (entries with `added: 'twelfth-round'`: 21 files from 19 repositories dev had no
 * folder for, chosen by one collector (C16) and annotated by hand before OptLens ran on them; YAML 9, Python 8, JSON 2,
 * shell 2: DCLM, ChatGLM3, Chinese-LLaMA-Alpaca-2, verifiers, torchft DiLoCo, NeMo-Skills, RT-DETRv2, RAR,
 * Vocos, SLAM-LLM, SpeechTokenizer, AudioLDM, legged_gym, skrl, JaxMARL, SchNetPack, PDEArena, TimesFM, TorchRec):
 * 89/106 (84.0%, 8 decoys read) before the round's rules (the shared tree at 585fd68). Three annotations were then
 * brought to dev's conventions (PDEArena's trainer.max_steps -1 as a sentinel run length, a schedule's raw literal as
 * written, a warmup ratio as a note rather than a decoy): 90/107 on the same tree. After the round's rules so far:
 * 99/107 (92.5%, 4 decoys read) with the batch spellings batch_size_training, per_gpu_batch_size, batchsize and
 * global_bs, warmup_duration, scheduler_cls, and latent diffusion's frozen first_stage_config / cond_stage_config;
 * 103/107 (96.3%, 4 decoys read) with Hydra `++key=value` overrides read from Python strings (a NeMo-Skills
 * pipeline) and a training pipeline's `progress()` as the optimizer's step (TorchRec); 3 decoys read once a call from a
 * measuring module (`torch.profiler.schedule(warmup=0)`) is a decoy context; 2 once a prompt's length beside the
 * answer's (ChatGLM3's max_input_length and max_output_length) is not read as the sequence length; 1 once an RL
 * runner's max_iterations beside num_steps_per_env (legged_gym, rsl_rl) counts rollout iterations, not steps.
 * PDEArena's model.lr re-annotated from an extra value to a decoy (LightningCLI replaces the module's
 * configure_optimizers when the config writes an optimizer block, as the lightning table says): 103/106 (97.2%, 1
 * decoy read); 0 decoys read once an initial learning rate beside the plain one (SpeechTokenizer's
 * `intial_learning_rate`) is the warm-up start; 105/106 (99.1%, 0 decoys read) with `acc` and `tokens` read beside a
 * global batch and a warm-up (DCLM's run JSON). Left: RAR's image_seq_len (an image generator's token sequence, which
 * no rule reads: `image_seq_len` elsewhere sizes a diffusion model's latent grid, not a training sequence).
 */
const TWELFTH_ROUND_FLOOR = 0.99;
/**
 * The thirteenth dev round (entries with `added: 'thirteenth-round'`; 19 files from 18 repositories dev had no folder
 * for, chosen and annotated by hand by one collector, C17, before OptLens ran on them: ORPO, GLM-4, MiniCPM, Deita,
 * Monarch Mixer, Latte, InstantMesh, TRELLIS, MetaVoice, VALL-E, RDT-1B, 3D Diffusion Policy, HumanoidVerse, DreamerV3,
 * UniAD, Aurora, generative-recommenders, TabM): 107/122 (87.7%, 2 decoys read) before its rules; 113/122 (1 decoy
 * read) at 57a8394 with comment lines between a continued command's flags read through (MiniCPM) and no betas or
 * momentum for an Adagrad (generative-recommenders); 0 decoys read at 03cefdf, a run length beside a replay ratio
 * counting environment steps (DreamerV3); 115/122 (94.3%, 0 decoys read) with `batch_size` sequences of
 * `batch_length` steps (DreamerV3's global batch and sequence length); 116/122 (95.1%) with a scheduler's name beside
 * the optimizer's (VALL-E's `--scheduler-name`); 118/122 (96.7%, 0 decoys read) with the word `optimizer` inside a
 * longer block name as an optimizer's block (generative-recommenders' dense optimizer factory's betas). Left: VALL-E's
 * optimizer name (an argparse default chosen among branches in a function whose `params` the read cannot know) and its
 * Eve branch's betas; DreamerV3's multicpu preset batch (no `batch_length` beside it).
 */
const THIRTEENTH_ROUND_FLOOR = 0.96;
/**
 * The third blind set, released to dev (entries with `retired_blind: 'third'`; 59 files from 54 ecosystems,
 * collected and annotated by two engineers who never ran OptLens on them): 304/401 (75.8%) with the extractor before
 * its round (a776a8a), 357/401 (89.0%) after it, scored once each while nobody read its misses
 * (dev/BASELINE-third-blind.md, dev/AFTER-third-blind.md). Released with its seven warmup fractions moved from
 * decoys to notes, as dev annotates them. Rules written from it since raise this floor: 387/402 (96.3%, 4 decoys
 * read) at 92d33e6 (nanoVLM's lr_<part> and dataclass words, lerobot's class attributes, diffusers' per-device help,
 * two annotations corrected from their frameworks' source, and the other collectors' rules); 390/399 (97.7%, 0 decoys
 * read) at e0444cd (alike sibling blocks as runs, an optimizer block's own settings and the values nearest it, the
 * Oumi, Megatron-Bridge and stable-audio-tools tables); 393/399 (98.5%, 0 decoys
 * read) at 28aac4f (the EasyLM and SmolVLM2 tables, quotients whose dividends are a global batch or warmup, t_warmup);
 * 397/399 (99.5%, 0 decoys read) at e2d6035 (the EasyR1 table, the replay buffer as a training context, Scenic's
 * compound schedule); 399/399 (100%, 0 decoys read) at c0927d3 (flax-nnx's batch and steps: a loop over a generator
 * of the module, whose batch a JAX device mesh makes global).
 */
const THIRD_BLIND_FLOOR = 1;
/**
 * The fourth blind set, released to dev (entries with `retired_blind: 'fourth'`; 61 files from 53 ecosystems, 360
 * values, collected and annotated by two engineers who never ran OptLens on them): 279/360 (77.5%) with the extractor
 * before its round (66e49b8), 285/360 (79.2%) after it at 5d2656d, scored once each; its 75 misses were read only
 * after the second score (dev/BASELINE-fourth-blind.md, dev/AFTER-fourth-blind.md). Released when the fifth blind set
 * was begun, so rules may now be written from it. Rules written from it since: 302/360 (83.9%) with fairseq2's recipe
 * config read; 317/360 (88.1%) with MACE's argparse module read (a parser made in a `try` with an `except` fallback);
 * 322/360 (89.4%) with the short spellings `micro_bsz`, `lr_sched` and a `datasets:` block read; 338/360 (93.8%) with
 * robomimic's per-network optimizers and Octo's schedule dict read; 342/360 (95.0%) at f32c3ba, with the declarative
 * rules of the same weeks (PySlowFast, PaddleDetection and Mesh TensorFlow tables, gin's `train_eval` functions, parts'
 * own weight decays, veRL SFT's global batch, OLMo's run length in tokens) counted in; 346/360 (96.1%) with a Joey NMT
 * table; 348/360 (96.7%, 2 decoys read) at 52d0edd, with a block's marked twin optimizer (CosyVoice's discriminator),
 * its part learning rates (StyleTTS 2), a run length in steps over one in epochs (WeNet) and no critic under GRPO;
 * 351/360 (97.5%) with a schedule's start value (`init_lr`, `--lr_init`) read as the learning rate where no peak is
 * written beside it; 352/360 (97.8%, 2 decoys read) at be044a1, with the shell rules of the same weeks counted in (a
 * variable of engine settings each `if` arm fills read with each arm's words, an arm's equal value at its own literal,
 * a Hydra list's elements at their literals), veRL SFT's token budget and `warmup_style`, a variable passed to a
 * per-device keyword, and a replay buffer's sample batch; 353/360 (98.1%) with a run length in training tokens
 * (`--my_exit_tokens`); 354/360 (98.3%, 2 decoys read) at 8659e2d, with a function the file defines kept where a
 * branch only the run decides rebinds it (Accelerate's mocked data loaders).
 */
const FOURTH_BLIND_FLOOR = 0.98;
/**
 * The fifth blind set, released to dev (entries with `retired_blind: 'fifth'`; 63 files from 56 ecosystem folders, 385
 * values, collected and annotated by two engineers who never ran OptLens on them and never read its extraction code):
 * 336/385 (87.3%) with the extractor before its round (0138e8e), 337/385 (87.5%) after it at 21c7415, scored once
 * each; its 48 misses were read only after the second score (dev/BASELINE-fifth-blind.md, dev/AFTER-fifth-blind.md).
 * Released when the sixth blind set was begun, so rules may now be written from it. Rules written from it since:
 * 374/385 (97.1%, 3 decoys read) at b4bc15a: RL Zoo's `lin_7.3e-4` schedule strings, a `-1` warmup sentinel, schedule
 * names by key and by module path, argbind `Class.param` keys and class-named blocks, Marian's hyphenated options and
 * positional `optimizer-params`, run lengths in iterations, batch words beside a micro-batch, a backbone's parameter
 * group, a hook's signature defaults, RL agents' clip ε and environment steps, measurement decoys. Left: Paxml's
 * experiment class (4), a global batch that audiotools divides by the world size, GPT-SoVITS's decay length, a
 * gin batch written twice, VILA's unused global batch, a PPG accumulation, a LazyConfig warmup expression, mdlm's
 * `model.length` override; 3 decoys (an epoch count, a debug branch's batch, an unused weight decay).
 */
const FIFTH_BLIND_FLOOR = 0.97;
/**
 * The sixth blind set, released to dev (entries with `retired_blind: 'sixth'`; 69 files from 59 ecosystem folders, 398
 * values, collected and annotated by two engineers who never ran OptLens on them and never read its extraction code):
 * 303/398 (76.1%) with the extractor of 1e36813 (one file hung it and counted 0/6), 309/398 (77.6%) after its round at
 * b4bc15a, scored once each; its 89 misses were read only after the second score (dev/BASELINE-sixth-blind.md,
 * dev/AFTER-sixth-blind.md). Released when the seventh blind set was begun, so rules may now be written from it:
 * 385/398 (96.7%) after the seventh round's rules (3ae2583).
 */
const SIXTH_BLIND_FLOOR = 0.96;
/** Released blind sets that keep a floor of their own rather than the earlier dev floor. */
const RELEASED_LATER = new Set(['third', 'fourth', 'fifth', 'sixth']);
const PERMISSIVE = /^(Apache-2\.0|MIT|BSD-3-Clause)\b/;

describe('dev annotations match their files', () => {
  test('every annotated file is present and every file is annotated', () => {
    const files = readdirSync(FOLDER, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && d.parentPath !== FOLDER)
      .map((d) => join(d.parentPath, d.name).slice(FOLDER.length + 1));
    expect(files.sort()).toEqual(entries.map((e) => e.file).sort());
    expect(entries.length).toBeGreaterThanOrEqual(60);
    expect(new Set(entries.map((e) => e.ecosystem)).size).toBeGreaterThanOrEqual(40);
    expect(new Set(entries.map((e) => e.format))).toEqual(new Set(['yaml', 'json', 'toml', 'python', 'shell', 'gin', 'ini']));
  });

  test('every file has its repository, path, commit and a permissive licence, in SOURCES.md too', () => {
    const sources = readFileSync(join(FOLDER, 'SOURCES.md'), 'utf8');
    for (const e of entries) {
      expect(e.commit, e.file).toMatch(/^[0-9a-f]{40}$/);
      expect(e.licence, e.file).toMatch(PERMISSIVE);
      expect(sources).toContain(`| ${e.file} | ${e.repo} | ${e.path} | ${e.commit} | ${e.licence} |`);
    }
  });

  test.each(entries)('$file: each raw literal is on its line, each decoy too', (entry) => {
    const lines = read(entry.file).split('\n');
    for (const x of expectations(entry)) {
      if (x.role === 'optimizer') expect(x.line, 'optimizer line').toBeLessThanOrEqual(lines.length);
      else expect(lines[x.line - 1] ?? '', `${x.role} ${x.raw} at line ${x.line}`).toContain(x.raw);
    }
    for (const d of entry.decoys ?? []) expect(lines[d.line - 1] ?? '', `decoy ${d.key}`).toContain(d.raw);
  });
});

describe('scoring', () => {
  const entry: ConfigEntry = {
    file: 'x.yaml', ecosystem: 'x', format: 'yaml', optimizer: 'torch.optim.AdamW', optimizer_line: 1,
    expected: { lr: 0.0003, warmup_steps: '100ba' }, expected_lines: { lr: 2, warmup_steps: 3 },
    expected_raw: { lr: '3e-4', warmup_steps: '100ba' }, expected_keys: { lr: 'lr', warmup_steps: 't_warmup' },
    decoys: [{ line: 4, raw: '1e-5', key: 'min_lr' }], repo: 'r', path: 'p', commit: 'c', licence: 'MIT',
    extra_values: [{ field: 'lr', value: 0.001, line: 5, raw: '1e-3', key: 'critic.lr' }],
  };
  const v = (value: number | string, line: number, raw: string) => ({ value, line, raw, source: 'written' });
  const [optimizerExpected, lrExpected] = expectations(entry);
  const extraction = (lr: ReturnType<typeof v>[]): ScoredExtraction => ({
    optimizers: [{ name: 'AdamW', line: 1, hyperparameters: { lr: lr[0], warmupSteps: v(100, 3, '100ba') } },
      ...lr.slice(1).map((x) => ({ name: 'AdamW', line: null, hyperparameters: { lr: x } }))],
  });

  test('right value at the right line is found; a PyYAML string and a Composer duration count as their numbers', () => {
    const x = extraction([v('3e-4', 2, '3e-4'), v(0.001, 5, '1e-3')]);
    const score = scoreSplit([entry], () => '', () => x);
    expect(score.overall).toEqual({ found: 4, total: 4 });
    expect(score.byRole['lr']).toEqual({ found: 2, total: 2 });
  });

  test('a wrong line, a wrong value, a default and a crash are misses; a decoy read is reported', () => {
    const wrongLine = extraction([v(0.0003, 7, '3e-4')]);
    expect(judge(wrongLine, lrExpected)).toEqual({ hit: false, found: ['7: 3e-4'] });
    const wrongValue = extraction([v(0.003, 2, '3e-3')]);
    expect(judge(wrongValue, lrExpected).hit).toBe(false);
    const defaulted = extraction([{ ...v(0.0003, 2, '3e-4'), source: 'default' }]);
    expect(judge(defaulted, lrExpected).hit).toBe(false);
    const decoy = extraction([v(0.00001, 4, '1e-5')]);
    expect(scoreSplit([entry], () => '', () => decoy).decoysRead).toHaveLength(1);
    const crash = scoreSplit([entry], () => '', () => { throw new Error('boom'); });
    expect(crash.crashes).toEqual([{ file: 'x.yaml', error: 'boom' }]);
    expect(crash.overall).toEqual({ found: 0, total: 4 });
  });

  test('the optimizer is found by its line and name, whatever the module prefix', () => {
    expect(judge(extraction([v(0.0003, 2, '3e-4')]), optimizerExpected).hit).toBe(true);
    const elsewhere: ScoredExtraction = { optimizers: [{ name: 'AdamW', line: 9, hyperparameters: {} }] };
    expect(judge(elsewhere, optimizerExpected).hit).toBe(false);
  });

  test('an optimizer annotated through a module alias is the module it aliases, and only that', () => {
    const text = 'import mlx.optimizers as optim\nimport numpy as np\n';
    expect(unaliased('optim.SGD', text)).toBe('mlx.optimizers.SGD');
    expect(unaliased('optax.adamw', text)).toBe('optax.adamw');
    expect(unaliased('SGD', text)).toBe('SGD');
    const sgd = (name: string): ScoredExtraction => ({ optimizers: [{ name, line: 3, hyperparameters: {} }] });
    const expected = { ...optimizerExpected, value: unaliased('optim.SGD', text), line: 3 };
    expect(judge(sgd('mlx.optimizers.SGD'), expected).hit).toBe(true);
    expect(judge(sgd('torch.optim.SGD'), expected).hit).toBe(false);
  });
});

test.each([
  {
    set: 'earlier',
    floor: DEV_FLOOR,
    of: entries.filter((e) => e.added === undefined && !RELEASED_LATER.has(String(e.retired_blind))),
  },
  { set: 'third-blind', floor: THIRD_BLIND_FLOOR, of: entries.filter((e) => e.retired_blind === 'third') },
  { set: 'fourth-blind', floor: FOURTH_BLIND_FLOOR, of: entries.filter((e) => e.retired_blind === 'fourth') },
  { set: 'fifth-blind', floor: FIFTH_BLIND_FLOOR, of: entries.filter((e) => e.retired_blind === 'fifth') },
  { set: 'sixth-blind', floor: SIXTH_BLIND_FLOOR, of: entries.filter((e) => e.retired_blind === 'sixth') },
  { set: 'third-round', floor: THIRD_ROUND_FLOOR, of: entries.filter((e) => e.added === 'third-round') },
  { set: 'fourth-round', floor: FOURTH_ROUND_FLOOR, of: entries.filter((e) => e.added === 'fourth-round') },
  { set: 'fifth-round', floor: FIFTH_ROUND_FLOOR, of: entries.filter((e) => e.added === 'fifth-round') },
  { set: 'sixth-round', floor: SIXTH_ROUND_FLOOR, of: entries.filter((e) => e.added === 'sixth-round') },
  { set: 'seventh-round', floor: SEVENTH_ROUND_FLOOR, of: entries.filter((e) => e.added === 'seventh-round') },
  { set: 'eighth-round', floor: EIGHTH_ROUND_FLOOR, of: entries.filter((e) => e.added === 'eighth-round') },
  { set: 'ninth-round', floor: NINTH_ROUND_FLOOR, of: entries.filter((e) => e.added === 'ninth-round') },
  { set: 'tenth-round', floor: TENTH_ROUND_FLOOR, of: entries.filter((e) => e.added === 'tenth-round') },
  {
    set: 'eleventh-round',
    floor: ELEVENTH_ROUND_FLOOR,
    of: entries.filter((e) => e.added === 'eleventh-round'),
  },
  {
    set: 'twelfth-round',
    floor: TWELFTH_ROUND_FLOOR,
    of: entries.filter((e) => e.added === 'twelfth-round'),
  },
  {
    set: 'thirteenth-round',
    floor: THIRTEENTH_ROUND_FLOOR,
    of: entries.filter((e) => e.added === 'thirteenth-round'),
  },
])('extraction finds the $set dev values at the right value and line, with no crash', ({ floor, of }) => {
  expect(of.length).toBeGreaterThan(0);
  const score = scoreSplit(of, read, extract);
  expect(score.crashes).toEqual([]);
  const misses = score.misses.slice(0, 20).map((m) => `${m.file}:${m.line} ${m.role}=${m.raw}`);
  const summary = `dev ${score.overall.found}/${score.overall.total}; first misses: ${misses.join(', ')}`;
  expect(percent(score.overall) / 100, summary).toBeGreaterThanOrEqual(floor);
});
