import { describe, expect, it } from 'vitest';
import { parseNoiseLog } from '../../extension/noise-log';

describe('parseNoiseLog', () => {
  it('reads a long CSV: one measurement per row, two batch sizes', () => {
    const csv = 'step,batch_size,grad_norm\n1,32,2\n1,256,1\n2,32,4\n2,256,3\n';
    const r = parseNoiseLog(csv);
    expect(r).toEqual({ ok: true, value: {
      batchSmall: 32, batchBig: 256, measurements: [{ smallSq: 4, bigSq: 1 }, { smallSq: 16, bigSq: 9 }] } });
  });

  it('reads a wide JSONL with squared norms', () => {
    const jsonl = [
      { step: 1, batch_small: 8, batch_big: 64, grad_norm_sq_small: 10, grad_norm_sq_big: 3 },
      { step: 2, batch_small: 8, batch_big: 64, grad_norm_sq_small: 12, grad_norm_sq_big: 5 },
    ].map((o) => JSON.stringify(o)).join('\n');
    const r = parseNoiseLog(jsonl);
    expect(r).toEqual({ ok: true, value: {
      batchSmall: 8, batchBig: 64, measurements: [{ smallSq: 10, bigSq: 3 }, { smallSq: 12, bigSq: 5 }] } });
  });

  it('matches column names loosely and skips comments and blank lines', () => {
    const csv = '# from wandb\nBatch Size;Grad-Norm-Sq\n\n16;9\n128;2\n';
    expect(parseNoiseLog(csv)).toEqual(
      { ok: true, value: { batchSmall: 16, batchBig: 128, measurements: [{ smallSq: 9, bigSq: 2 }] } });
  });

  it('pairs long rows by step, dropping steps measured at one batch size only', () => {
    const csv = 'step,batch_size,grad_norm_sq\n2,256,5\n1,32,7\n3,32,9\n2,32,8\n1,256,4\n';
    expect(parseNoiseLog(csv)).toEqual(
      { ok: true, value: { batchSmall: 32, batchBig: 256,
        measurements: [{ smallSq: 7, bigSq: 4 }, { smallSq: 8, bigSq: 5 }] } });
  });

  it('explains what is wrong with a bad log', () => {
    expect(parseNoiseLog('')).toEqual({ ok: false, message: 'the log is empty' });
    expect(parseNoiseLog('batch_size,grad_norm\n8,1\n16,1\n32,1\n')).toEqual({ ok: false, message: 'the log must hold exactly two batch sizes; it has 3' });
    expect(parseNoiseLog('batch_size,loss\n8,1\n')).toMatchObject({ ok: false, message: expect.stringContaining('row 1 lacks') });
    expect(parseNoiseLog('{"batch_size": 8\n')).toEqual({ ok: false, message: 'line 1 is not JSON' });
    expect(parseNoiseLog('batch_small,batch_big,grad_norm_small,grad_norm_big\n8,64,1,1\n8,32,1,1\n')).toMatchObject({ ok: false, message: expect.stringContaining('changes the batch sizes') });
    expect(parseNoiseLog('batch_small,batch_big,grad_norm_small,grad_norm_big\n64,8,1,1\n')).toMatchObject({ ok: false, message: expect.stringContaining('must be positive and different') });
  });
});
