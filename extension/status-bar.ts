/**
 * The status bar item for the active config: its optimizer and headline prediction (status-text.ts);
 * clicking it opens the playground. Shown only while the active editor holds a config OptLens reads.
 */
import * as vscode from 'vscode';
import type { ActiveConfig } from './active-config';
import { statusText } from './status-text';

export const OPEN_PLAYGROUND_COMMAND = 'optlens.openPlayground';

export interface StatusBar extends vscode.Disposable {
  /** Redraws for `active`; `visible` is false when the editor shows something that is not a config. */
  update(active: ActiveConfig | null, visible: boolean): void;
}

export function createStatusBar(): StatusBar {
  const item = vscode.window.createStatusBarItem('optlens.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'OptLens';
  item.command = OPEN_PLAYGROUND_COMMAND;
  return {
    update(active, visible) {
      if (!visible || !active) {
        item.hide();
        return;
      }
      const s = statusText(active.analysis);
      item.text = s.text;
      item.tooltip = s.tooltip;
      item.backgroundColor = s.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      item.show();
    },
    dispose: () => item.dispose(),
  };
}
