/**
 * Names of the stages of one training recipe (Prismatic VLMs' `align` then `finetune`, LLaVA's pretrain then
 * finetune, an SFT stage): each stage runs an optimizer of its own with its own settings (stage-keys.ts).
 */
export const STAGE_NAME = /^(pre_?train(ing)?|fine_?tun(e|ing)|align(ment)?|sft)$/i;
