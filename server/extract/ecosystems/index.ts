/**
 * Every ecosystem table, in tiebreak order (a more specific framework before the one it builds on), and
 * the generic fallback. To add a table, see types.ts.
 */
import type { EcosystemTable } from './types';
import { aiToolkit } from './ai-toolkit';
import { amphion } from './amphion';
import { audiocraft } from './audiocraft';
import { axolotl } from './axolotl';
import { cerebras } from './cerebras';
import { bigVision } from './big-vision';
import { colossalai } from './colossalai';
import { darknet } from './darknet';
import { deepspeed } from './deepspeed';
import { detectron2 } from './detectron2';
import { detectron2Lazy } from './detectron2-lazy';
import { diffusers } from './diffusers';
import { diffusersConfig } from './diffusers-config';
import { easylm } from './easylm';
import { dinov2 } from './dinov2';
import { easyr1 } from './easyr1';
import { dopamine } from './dopamine';
import { espnet } from './espnet';
import { fairchem } from './fairchem';
import { fairseq } from './fairseq';
import { opennmt } from './opennmt';
import { joeynmt } from './joeynmt';
import { flax } from './flax';
import { generic } from './generic';
import { gptNeox } from './gpt-neox';
import { huggingface } from './huggingface';
import { hfPython } from './hf-python';
import { hydra } from './hydra';
import { lightningHydra } from './lightning-hydra';
import { keras } from './keras';
import { lightning } from './lightning';
import { litgpt } from './litgpt';
import { llmC } from './llm-c';
import { llamafactory } from './llamafactory';
import { lerobot } from './lerobot';
import { levanter } from './levanter';
import { llmFoundry } from './llm-foundry';
import { maxtext } from './maxtext';
import { megatronBridge } from './megatron-bridge';
import { megatronLm } from './megatron-lm';
import { mlx } from './mlx';
import { modalities } from './modalities';
import { mmlab } from './mmlab';
import { msSwift } from './ms-swift';
import { moddedNanogpt } from './modded-nanogpt';
import { nanotron } from './nanotron';
import { nanochat } from './nanochat';
import { nanogpt } from './nanogpt';
import { nemo } from './nemo';
import { nemoRl } from './nemo-rl';
import { nemo2 } from './nemo2';
import { olmo } from './olmo';
import { olmoCore } from './olmo-core';
import { fairseq2 } from './fairseq2';
import { openrlhf } from './openrlhf';
import { openInstruct } from './open-instruct';
import { optax } from './optax';
import { oumi } from './oumi';
import { paddlenlp } from './paddlenlp';
import { paddledetection } from './paddledetection';
import { pyslowfast } from './pyslowfast';
import { meshTensorflow } from './mesh-tensorflow';
import { physicsnemoExamples } from './physicsnemo-examples';
import { pytorch } from './pytorch';
import { rlAgents } from './rl-agents';
import { rlGames } from './rl-games';
import { fourm } from './fourm';
import { efficientvit } from './efficientvit';
import { skyrl } from './skyrl';
import { halos } from './halos';
import { trinityRft } from './trinity-rft';
import { smolvlm } from './smolvlm';
import { primeRl } from './prime-rl';
import { areal } from './areal';
import { xtuner } from './xtuner';
import { openSora } from './open-sora';
import { protenix } from './protenix';
import { sam2 } from './sam2';
import { torchtitan } from './torchtitan';
import { torchtitanRegistry } from './torchtitan-registry';
import { torchtune } from './torchtune';
import { tfModelGarden } from './tf-model-garden';
import { speechbrain } from './speechbrain';
import { stableAudioTools } from './stable-audio-tools';
import { t5x } from './t5x';
import { trl } from './trl';
import { ultralytics } from './ultralytics';
import { uni2ts } from './uni2ts';
import { unsloth } from './unsloth';
import { vits } from './vits';

export const ECOSYSTEMS: readonly EcosystemTable[] = [
  axolotl,
  llamafactory,
  trl,
  oumi,
  huggingface,
  deepspeed,
  gptNeox,
  torchtitan,
  nemo,
  nemoRl,
  megatronLm,
  megatronBridge,
  openrlhf,
  openInstruct,
  skyrl,
  trinityRft,
  halos,
  smolvlm,
  primeRl,
  areal,
  easyr1,
  openSora,
  protenix,
  sam2,
  llmC,
  diffusers,
  diffusersConfig,
  maxtext,
  easylm,
  olmo,
  xtuner,
  fairseq2,
  olmoCore,
  litgpt,
  torchtune,
  llmFoundry,
  nanotron,
  levanter,
  paddlenlp,
  paddledetection,
  pyslowfast,
  meshTensorflow,
  msSwift,
  colossalai,
  detectron2,
  fairseq,
  opennmt,
  joeynmt,
  tfModelGarden,
  speechbrain,
  espnet,
  fairchem,
  cerebras,
  physicsnemoExamples,
  amphion,
  audiocraft,
  modalities,
  rlGames,
  efficientvit,
  fourm,
  vits,
  uni2ts,
  stableAudioTools,
  ultralytics,
  darknet,
  dinov2,
  aiToolkit,
  lightningHydra,
  hydra,
  lightning,
  // The Python and shell ecosystems; plain PyTorch and optax last: any training script imports them.
  unsloth,
  lerobot,
  hfPython,
  torchtitanRegistry,
  nemo2,
  detectron2Lazy,
  t5x,
  dopamine,
  bigVision,
  flax,
  moddedNanogpt,
  nanochat,
  rlAgents,
  nanogpt,
  keras,
  mlx,
  mmlab,
  optax,
  pytorch,
];

export const GENERIC: EcosystemTable = generic;

/** The table with this id (`generic` included), for hovers that cite a default's source. */
export function ecosystemTable(id: string): EcosystemTable | undefined {
  return id === GENERIC.id ? GENERIC : ECOSYSTEMS.find((t) => t.id === id);
}
