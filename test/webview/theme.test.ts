import { describe, expect, it } from 'vitest';
import { chartTheme, themeKindFromClasses, withAlpha } from '../../webview/theme';

describe('chart theme', () => {
  it('reads the theme kind from VS Code’s body classes', () => {
    expect(themeKindFromClasses(['vscode-light'])).toBe('light');
    expect(themeKindFromClasses(['vscode-dark'])).toBe('dark');
    expect(themeKindFromClasses(['vscode-high-contrast'])).toBe('high-contrast');
    expect(themeKindFromClasses(['vscode-high-contrast', 'vscode-high-contrast-light'])).toBe('high-contrast-light');
    expect(themeKindFromClasses([])).toBe('light');
  });

  it('takes colours from the theme variables, falling back per kind when one is unset', () => {
    const vars: Record<string, string> = { '--vscode-charts-blue': ' #123456 ', '--vscode-font-size': '15px' };
    const dark = chartTheme('dark', (name) => vars[name] ?? '');
    expect(dark.series.theory).toBe('#123456');
    expect(dark.fontSize).toBe(15);
    expect(dark.foreground).toBe('#cccccc');
    const light = chartTheme('light', () => '');
    expect(light.foreground).toBe('#3b3b3b');
    expect(light.fontSize).toBe(13);
    expect(light.series.simulation).not.toBe(light.series.theory);
  });

  it('adds an alpha channel to hex colours and leaves other syntaxes alone', () => {
    expect(withAlpha('#ff0000', 0.5)).toBe('#ff000080');
    expect(withAlpha('#abc', 1)).toBe('#aabbccff');
    expect(withAlpha('rgba(1, 2, 3, 0.4)', 0.5)).toBe('rgba(1, 2, 3, 0.4)');
  });
});
