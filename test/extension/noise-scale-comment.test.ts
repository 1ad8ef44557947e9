/** The per-config home of a measured noise scale: a comment the server reads back, never a workspace-wide
 * setting by default. */
import { describe, expect, it } from 'vitest';
import { readCommentSettings } from '../../server/extract/settings-comments';
import { noiseScaleCommentEdit, type CommentEdit } from '../../extension/noise-scale-comment';

function applied(text: string, edit: CommentEdit): string {
  if (!edit.ok) throw new Error(edit.reason);
  return text.slice(0, edit.offset) + edit.insert + text.slice(edit.offset + edit.deleteLength);
}

const comments = (text: string) => text.split('\n').filter((l) => /^\s*(#|\/\/)/.test(l)).map((l) => ({ text: l }));

describe('writing the noise scale into the config', () => {
  it('adds one comment at the top that the server reads as this file\'s noise scale, with where it came from', () => {
    const yaml = 'learning_rate: 2.0e-5\nper_device_train_batch_size: 16\n';
    const out = applied(yaml, noiseScaleCommentEdit(yaml, 'yaml', 1876.3565924922802, 'estimated from grad.csv on 2026-12-07'));
    expect(out).toBe('# optlens: noise-scale=1880  (B_simple estimated from grad.csv on 2026-12-07)\n' + yaml);
    expect(readCommentSettings(comments(out)).settings).toMatchObject({ noiseScale: 1880, noiseScaleSource: 'comment' });
  });

  it('keeps a shebang and a Python encoding line first; uses // in JSONC; refuses plain JSON', () => {
    const py = '#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nlearning_rate = 6e-4\n';
    expect(applied(py, noiseScaleCommentEdit(py, 'python', 400, 'x')).split('\n')[2]).toMatch(/^# optlens: noise-scale=400 /);
    expect(applied('{}\n', noiseScaleCommentEdit('{}\n', 'jsonc', 400, 'x'))).toMatch(/^\/\/ optlens: noise-scale=400 /);
    const json = noiseScaleCommentEdit('{}', 'json', 400, 'x');
    expect(json.ok).toBe(false);
    if (!json.ok) expect(json.reason).toContain('JSON has no comments');
  });

  it('replaces the value of an existing directive in place, leaving the rest of the line', () => {
    const text = 'lr: 1\n# optlens: world-size=8 noise-scale=2e5 params=1e9\n';
    const out = applied(text, noiseScaleCommentEdit(text, 'yaml', 3.14159e5, 'x'));
    expect(out).toBe('lr: 1\n# optlens: world-size=8 noise-scale=314000 params=1e9\n');
    expect(readCommentSettings(comments(out)).settings).toMatchObject(
      { noiseScale: 314000, worldSize: 8, params: 1e9 });
  });

  it('keeps CRLF files CRLF, and an = in the provenance cannot become a setting', () => {
    const text = 'a: 1\r\n';
    const out = applied(text, noiseScaleCommentEdit(text, 'yaml', 10, 'from snr=5.csv'));
    expect(out.endsWith('\r\na: 1\r\n')).toBe(true);
    expect(readCommentSettings(comments(out)).settings.snr).toBeUndefined();
  });
});
