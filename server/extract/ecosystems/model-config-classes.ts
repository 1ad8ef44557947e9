/**
 * The words before `Config`, `Configuration` or `Args` in the names of classes that configure a model's architecture,
 * not its training (roles/context.ts reads a role word inside one as a model block's): the families' configuration
 * classes as their code spells them, and the architecture words research code uses the same way.
 */
export const MODEL_CONFIG_WORDS: readonly { words: readonly string[]; source: string }[] = [
  {
    words: ['GPT', 'Llama', 'LLaMA', 'Mistral', 'Mixtral', 'Qwen\\d*', 'Gemma\\d*', 'Phi\\d*', 'Bert', 'BERT', 'RoBERTa',
      'Roberta', 'T5', 'ViT', 'Vit', 'Mamba', 'CLIP', 'Clip'],
    source: 'huggingface/transformers src/transformers/models/<family>/configuration_<family>.py (GPT2Config, ' +
      'LlamaConfig, MistralConfig, MixtralConfig, Qwen2Config, Gemma2Config, Phi3Config, BertConfig, RobertaConfig, ' +
      'T5Config, ViTConfig, MambaConfig, CLIPConfig); karpathy/nanoGPT model.py GPTConfig',
  },
  {
    words: ['Transformer', 'VLM', 'LM', 'UNet', 'Unet', 'VAE', 'Vae', 'Encoder', 'Decoder', 'Model'],
    source: "meta-llama/llama llama/model.py ModelArgs; research code's TransformerConfig, VLMConfig, UNetConfig, " +
      'EncoderConfig (karpathy/build-nanogpt train_gpt2.py GPTConfig beside the T its data loader cuts)',
  },
];

/**
 * Words that put a class on the training side whatever model word it holds (`RewardModelConfig`, `CriticModelArgs`,
 * `TrainerModelConfig`, `TrainingModelArgs`): it configures how a model is trained, its lengths and batches the run's.
 */
export const TRAINING_SIDE_WORDS: readonly string[] = ['Reward', 'Critic', 'Trainer', 'Training', 'Train(?=[A-Z])',
  'Optim', 'Scheduler'];
