import { beforeEach, describe, expect, it } from 'vitest';
import { createStatusBar, OPEN_PLAYGROUND_COMMAND } from '../../extension/status-bar';
import { mock, resetMock, ThemeColor } from '../mocks/vscode';
import { analysis, optimizer, predictionInput } from './fixtures';

describe('status bar', () => {
  beforeEach(() => resetMock());

  it('shows the active config and opens the playground on click', () => {
    const bar = createStatusBar();
    const item = mock.statusBarItems[0];
    expect(item.command).toBe(OPEN_PLAYGROUND_COMMAND);
    bar.update({ uri: 'file:///a.yaml', version: 1, analysis: analysis({ optimizers: [optimizer({ predictionInput: predictionInput({ batchSize: 64 }) })] }) }, true);
    expect(item.visible).toBe(true);
    expect(item.text).toBe('$(graph) AdamW · RMS 0.229');
    expect(item.backgroundColor).toBeUndefined();
  });

  it('turns to the warning colour past the Surge threshold', () => {
    const bar = createStatusBar();
    bar.update({ uri: 'file:///a.yaml', version: 1, analysis: analysis() }, true);
    expect(mock.statusBarItems[0]?.backgroundColor).toEqual(new ThemeColor('statusBarItem.warningBackground'));
  });

  it('hides for editors that hold no config', () => {
    const bar = createStatusBar();
    bar.update({ uri: 'file:///a.yaml', version: 1, analysis: analysis() }, true);
    bar.update({ uri: 'file:///a.yaml', version: 1, analysis: analysis() }, false);
    expect(mock.statusBarItems[0]?.visible).toBe(false);
    bar.update(null, true);
    expect(mock.statusBarItems[0]?.visible).toBe(false);
  });
});
