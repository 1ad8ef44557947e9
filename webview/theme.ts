/**
 * Colours for the charts, read from VS Code's theme variables. chart.js needs colour values, not CSS
 * variables, so the charts are re-coloured whenever VS Code switches theme (it changes the body's class
 * and the `--vscode-*` variables on <html>).
 */

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
/** VS Code's chart colours (`--vscode-charts-*`); palette.ts gives each optimizer one of them. */
export type Hue = 'blue' | 'red' | 'green' | 'yellow' | 'purple' | 'orange';

export interface ChartTheme {
  kind: ThemeKind;
  foreground: string;
  background: string;
  grid: string;
  fontFamily: string;
  fontSize: number;
  /** Series colours: theory first, then simulation and the peers. */
  series: { theory: string; simulation: string; sgd: string; signsgd: string; marker: string; spread: string };
  /** The same colours by name, for palette.ts's per-optimizer colours. */
  hues: Record<Hue, string>;
}

/** VS Code's body classes name the theme kind (webview docs, "Theming webview content"). */
export function themeKindFromClasses(classes: readonly string[]): ThemeKind {
  if (classes.includes('vscode-high-contrast-light')) return 'high-contrast-light';
  if (classes.includes('vscode-high-contrast')) return 'high-contrast';
  if (classes.includes('vscode-dark')) return 'dark';
  return 'light';
}

/** Fallbacks for a variable VS Code did not set (older versions lack some `charts.*` colours). */
const FALLBACKS: Record<ThemeKind, Record<string, string>> = {
  light: { fg: '#3b3b3b', bg: '#f8f8f8', grid: '#e5e5e5', blue: '#1a85ff', red: '#e51400', green: '#388a34', yellow: '#bf8803', purple: '#652d90', orange: '#d18616' },
  dark: { fg: '#cccccc', bg: '#181818', grid: '#3c3c3c', blue: '#3794ff', red: '#f14c4c', green: '#89d185', yellow: '#cca700', purple: '#b180d7', orange: '#d18616' },
  'high-contrast': { fg: '#ffffff', bg: '#000000', grid: '#6fc3df', blue: '#3794ff', red: '#f48771', green: '#89d185', yellow: '#ffd700', purple: '#b180d7', orange: '#ff9900' },
  'high-contrast-light': { fg: '#292929', bg: '#ffffff', grid: '#0f4a85', blue: '#0f4a85', red: '#b5200d', green: '#388a34', yellow: '#895503', purple: '#5c2d91', orange: '#a85a00' },
};

/** Builds the chart theme from a variable reader (`getComputedStyle(...).getPropertyValue`), with fallbacks. */
export function chartTheme(kind: ThemeKind, readVariable: (name: string) => string): ChartTheme {
  const fallback = FALLBACKS[kind];
  const read = (name: string, key: string): string => readVariable(name).trim() || (fallback[key] ?? '#888888');
  const fontSize = Number.parseFloat(readVariable('--vscode-font-size'));
  const hues: Record<Hue, string> = {
    blue: read('--vscode-charts-blue', 'blue'),
    red: read('--vscode-charts-red', 'red'),
    green: read('--vscode-charts-green', 'green'),
    yellow: read('--vscode-charts-yellow', 'yellow'),
    purple: read('--vscode-charts-purple', 'purple'),
    orange: read('--vscode-charts-orange', 'orange'),
  };
  return {
    kind,
    foreground: read('--vscode-foreground', 'fg'),
    background: read('--vscode-sideBar-background', 'bg'),
    grid: read('--vscode-charts-lines', 'grid'),
    fontFamily: readVariable('--vscode-font-family').trim() || 'system-ui, sans-serif',
    fontSize: Number.isFinite(fontSize) && fontSize > 0 ? fontSize : 13,
    series: { theory: hues.blue, simulation: hues.red, sgd: hues.green, signsgd: hues.purple, marker: hues.yellow,
      spread: hues.orange },
    hues,
  };
}

/** `#rrggbb` (or `#rgb`) with an alpha channel, for translucent bands; other colour syntaxes pass through. */
export function withAlpha(colour: string, alpha: number): string {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(colour);
  const hex = short ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}` : colour;
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return colour;
  const a = Math.round(Math.min(1, Math.max(0, alpha)) * 255).toString(16).padStart(2, '0');
  return `${hex}${a}`;
}

/** The current document's chart theme. */
export function currentTheme(doc: Document = document): ChartTheme {
  const style = getComputedStyle(doc.documentElement);
  const bodyStyle = getComputedStyle(doc.body);
  const read = (name: string) => bodyStyle.getPropertyValue(name) || style.getPropertyValue(name);
  return chartTheme(themeKindFromClasses([...doc.body.classList]), read);
}

/**
 * Calls `onChange` when VS Code switches theme: it rewrites the body's class and the variables in
 * <html>'s style attribute. Returns a function that stops observing.
 */
export function onThemeChange(onChange: (theme: ChartTheme) => void, doc: Document = document): () => void {
  const observer = new MutationObserver(() => onChange(currentTheme(doc)));
  observer.observe(doc.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
  observer.observe(doc.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return () => observer.disconnect();
}
