import { describe, expect, it } from 'vitest';
import { Uri } from '../mocks/vscode';
import { parseCommandTarget } from '../../extension/command-args';

describe('parseCommandTarget', () => {
  it('means the active config when called from the palette', () => {
    expect(parseCommandTarget([])).toEqual({ uri: null, optimizerIndex: null, hyperparameter: null });
  });

  it('accepts a URI string and an optimizer index (code lens arguments)', () => {
    expect(parseCommandTarget(['file:///ws/a.yaml', 1])).toEqual({ uri: 'file:///ws/a.yaml', optimizerIndex: 1, hyperparameter: null });
  });

  it('accepts one object with uri and optimizerIndex', () => {
    expect(parseCommandTarget([{ uri: 'untitled:Untitled-1', optimizerIndex: 0, hyperparameter: 'beta1' }])).toEqual({ uri: 'untitled:Untitled-1', optimizerIndex: 0, hyperparameter: 'beta1' });
    expect(parseCommandTarget([{ uri: 'untitled:Untitled-1', optimizerIndex: 0, hyperparameter: 'alpha' }]).hyperparameter).toBeNull();
  });

  it('accepts a vscode.Uri (menus pass one)', () => {
    expect(parseCommandTarget([Uri.file('/ws/a.toml')])).toEqual({ uri: 'file:///ws/a.toml', optimizerIndex: null, hyperparameter: null });
  });

  it('ignores what is not a URI or a sane index', () => {
    expect(parseCommandTarget(['rm -rf /', -1])).toEqual({ uri: null, optimizerIndex: null, hyperparameter: null });
    expect(parseCommandTarget([{ uri: 42, optimizerIndex: 1.5 }])).toEqual(
      { uri: null, optimizerIndex: null, hyperparameter: null });
    expect(parseCommandTarget([null, 'x'])).toEqual({ uri: null, optimizerIndex: null, hyperparameter: null });
  });
});
