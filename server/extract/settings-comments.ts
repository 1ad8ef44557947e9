/**
 * Settings a file can carry in a comment, for what it cannot say itself:
 * `# optlens: noise-scale=2e5 world-size=64 params=1.3e9 tokens=2e12 dataset-size=1.2e6 ecosystem=deepspeed` (also
 * after `//` in JSONC).
 * Unknown names and malformed values are ignored (a comment must never break analysis).
 */
import type { AnalysisSettings } from '../../core/analysis';

const DIRECTIVE = /optlens:(.*)$/i;

export interface CommentSettings {
  settings: AnalysisSettings;
  /** `ecosystem=<id>` forces the ecosystem table. */
  ecosystem?: string;
}

function positive(raw: string): number | undefined {
  const n = Number(raw.replace(/_/g, ''));
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

export function readCommentSettings(comments: readonly { text: string }[]): CommentSettings {
  const settings: AnalysisSettings = {};
  let ecosystem: string | undefined;
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    for (const pair of (match[1] ?? '').split(/[\s,;]+/)) {
      const [name = '', value = ''] = pair.split('=', 2);
      switch (name.toLowerCase()) {
        case 'noise-scale':
        case 'noise_scale':
        case 'b-simple': {
          const tokens = /tokens?$/i.test(value);
          const n = positive(value.replace(/\s*(tokens?|samples?)$/i, ''));
          if (n !== undefined) {
            settings.noiseScale = n;
            settings.noiseScaleUnit = tokens ? 'tokens' : 'samples';
            settings.noiseScaleSource = 'comment';
          }
          break;
        }
        case 'world-size':
        case 'world_size':
        case 'dp': {
          const n = positive(value);
          if (n !== undefined && Number.isInteger(n)) settings.worldSize = n;
          break;
        }
        case 'params': {
          const n = positive(value);
          if (n !== undefined) settings.params = n;
          break;
        }
        case 'dataset-size':
        case 'dataset_size': {
          const n = positive(value);
          if (n !== undefined) settings.datasetSize = n;
          break;
        }
        case 'tokens': {
          const n = positive(value);
          if (n !== undefined) settings.tokens = n;
          break;
        }
        case 'grad-norm': {
          const n = positive(value);
          if (n !== undefined) settings.gradNorm = n;
          break;
        }
        case 'gradient-scale-spread':
        case 'gradient_scale_spread': {
          // σ of ln|g_i| across coordinates (science.md §7.3); beyond 3 the log-normal is no longer a model.
          const n = Number(value);
          if (Number.isFinite(n) && n >= 0 && n <= 3) settings.gradientScaleSpread = n;
          break;
        }
        case 'initial-weight-rms':
        case 'initial_weight_rms': {
          // θ0 of science.md §2.9: fine-tuning starts from trained weights.
          const n = Number(value);
          if (Number.isFinite(n) && n >= 0) Object.assign(settings, { initialWeightRms: n, initialWeightRmsSource: 'comment' });
          break;
        }
        case 'snr': {
          const n = Number(value);
          if (Number.isFinite(n) && n >= 0) settings.snr = n;
          break;
        }
        case 'ecosystem':
          if (/^[a-z0-9-]+$/i.test(value)) ecosystem = value.toLowerCase();
          break;
        default:
          break;
      }
    }
  }
  return ecosystem === undefined ? { settings } : { settings, ecosystem };
}
