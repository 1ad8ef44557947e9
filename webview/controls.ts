/**
 * The playground's controls: a labelled slider + number box per numeric parameter and a <select> for the
 * optimizer and the schedule. Native elements styled with VS Code's variables, so every control is
 * keyboard-operable (arrows, Page Up/Down, Home/End on sliders) and labelled for screen readers.
 *
 * `onInput` fires continuously while a slider moves (the charts follow); `onCommit` fires once when a value
 * is settled (slider released, Enter or blur in the box, a new choice): that is what gets written back.
 */
import type { PredictionInput } from '../core/prediction';
import { plainPhrase } from '../core/provenance-words';
import { scheduleFloorPhrase } from '../core/schedule-floor';
import type { BoundConfig, ParamOrigin, PlaygroundParamName } from '../core/webview-messages';
import type { NumericSpec } from './control-specs';
import {
  formatNumber,
  NUMERIC_SPECS,
  OPTIMIZER_CHOICES,
  OPTIMIZER_LABELS,
  parseTyped,
  positionToValue,
  SCHEDULE_CHOICES,
  SCHEDULE_LABELS,
  SLIDER_STEPS,
  valueToPosition,
} from './control-specs';
import { el } from './dom';
import type { PlaygroundParams } from './params';

export interface ControlHandlers {
  onInput(name: PlaygroundParamName, value: number | string): void;
  onCommit(name: PlaygroundParamName, value: number | string): void;
}

export interface ControlsView {
  /** Moves every control to `params` without firing any handler (a `bind` from the host, a restore). */
  set(params: PlaygroundParams, origins: Partial<Record<PlaygroundParamName, ParamOrigin>>): void;
  focus(name: PlaygroundParamName): void;
  /** The line under the schedule control saying where the decay ends (`scheduleEndText`); null hides it. */
  showScheduleEnd(text: string | null): void;
}

/**
 * Where the playground's schedule ends, in the words of the hover and the report (core/schedule-floor.ts): from the
 * input the charts are drawn with and the bound file's floor. Null without a bound file (no file to have read a
 * floor from) or for a constant lr.
 */
export function scheduleEndText(input: PredictionInput, bound: BoundConfig | null): string | null {
  if (bound === null) return null;
  const phrase = scheduleFloorPhrase(input, bound.scheduleFloor ?? null);
  return phrase === null ? null : `Ends: ${plainPhrase(phrase)}`;
}

/** What the small tag after a label says about where the value came from. */
export function originText(origin: ParamOrigin | undefined): {
  text: string; title: string; isDefault: boolean } | null {
  if (!origin) return null;
  switch (origin.source) {
    case 'written':
      return {
        text: origin.line === null ? 'in file' : `line ${origin.line}`,
        title: origin.detail ? `Written in the config file; ${origin.detail}` : 'Written in the config file', isDefault: false,
      };
    case 'default':
      return { text: 'framework default', title: origin.detail ? `Not in the file: ${origin.detail}` : 'Not in the file: the framework default applies', isDefault: true };
    case 'derived':
      return { text: 'derived', title: origin.detail ? `Derived from ${origin.detail}` : 'Derived from other values', isDefault: false };
    case 'setting':
      return { text: 'setting', title: origin.detail ?? 'From an OptLens setting', isDefault: false };
    case 'comment':
      return { text: 'comment in file', title: origin.detail ?? 'From an `# optlens:` comment in this file', isDefault: false };
    case 'assumed':
      return { text: 'assumed', title: origin.detail ?? 'Not known from the file: a typical value is assumed', isDefault: false };
  }
}

interface Row {
  setValue(value: number | string): void;
  setOrigin(origin: ParamOrigin | undefined): void;
  focus(): void;
}

function labelRow(id: string, label: string): { label: HTMLLabelElement; origin: HTMLSpanElement } {
  const labelEl = el('label', { for: id });
  labelEl.append(el('span', {}, label));
  const origin = el('span', { class: 'origin badge', hidden: '' });
  labelEl.append(origin);
  return { label: labelEl, origin };
}

function applyOrigin(badge: HTMLSpanElement, origin: ParamOrigin | undefined): void {
  const info = originText(origin);
  badge.hidden = info === null;
  badge.textContent = info?.text ?? '';
  badge.title = info?.title ?? '';
  badge.classList.toggle('default', info?.isDefault ?? false);
}

function numericRow(spec: NumericSpec, container: HTMLElement, handlers: ControlHandlers): Row {
  const id = `ol-${spec.name}`;
  const wrap = el('div', { class: 'control', 'data-param': spec.name });
  const { label, origin } = labelRow(id, spec.label);
  const slider = el('input', { type: 'range', id, min: '0', max: String(SLIDER_STEPS), step: '1', 'data-testid': `control-${spec.name}` });
  const box = el('input', { type: 'text', inputmode: 'decimal', spellcheck: 'false', 'aria-label': `${spec.label} value`, 'data-testid': `control-${spec.name}-value` });
  wrap.append(label, slider, box);
  container.append(wrap);
  const show = (value: number) => {
    box.value = formatNumber(value);
    box.removeAttribute('aria-invalid');
    slider.setAttribute('aria-valuetext', formatNumber(value));
  };
  slider.addEventListener('input', () => {
    const value = positionToValue(spec, Number(slider.value));
    show(value);
    handlers.onInput(spec.name, value);
  });
  slider.addEventListener('change', () => handlers.onCommit(spec.name, positionToValue(spec, Number(slider.value))));
  box.addEventListener('change', () => {
    const value = parseTyped(spec, box.value);
    if (value === null) {
      box.setAttribute('aria-invalid', 'true');
      box.title = `Enter a number from ${spec.hardMin} to ${spec.hardMax}`;
      return;
    }
    box.title = '';
    slider.value = String(valueToPosition(spec, value));
    show(value);
    handlers.onInput(spec.name, value);
    handlers.onCommit(spec.name, value);
  });
  return {
    setValue(value) {
      if (typeof value !== 'number') return;
      slider.value = String(valueToPosition(spec, value));
      show(value);
    },
    setOrigin: (o) => applyOrigin(origin, o),
    focus: () => slider.focus(),
  };
}

function selectRow(name: 'optimizer' | 'schedule', label: string, choices: readonly string[], labels: Record<string, string>, container: HTMLElement, handlers: ControlHandlers): Row {
  const id = `ol-${name}`;
  const wrap = el('div', { class: 'control select', 'data-param': name });
  const { label: labelEl, origin } = labelRow(id, label);
  const select = el('select', { id, 'data-testid': `control-${name}` });
  for (const choice of choices) select.append(el('option', { value: choice }, labels[choice] ?? choice));
  wrap.append(labelEl, select);
  container.append(wrap);
  select.addEventListener('change', () => {
    handlers.onInput(name, select.value);
    handlers.onCommit(name, select.value);
  });
  return {
    setValue(value) {
      if (typeof value === 'string' && choices.includes(value)) select.value = value;
    },
    setOrigin: (o) => applyOrigin(origin, o),
    focus: () => select.focus(),
  };
}

export function createControls(container: HTMLElement, handlers: ControlHandlers): ControlsView {
  const rows = new Map<PlaygroundParamName, Row>();
  rows.set('optimizer', selectRow('optimizer', 'Optimizer', OPTIMIZER_CHOICES, OPTIMIZER_LABELS, container, handlers));
  for (const spec of NUMERIC_SPECS) rows.set(spec.name, numericRow(spec, container, handlers));
  rows.set('schedule', selectRow('schedule', 'Schedule', SCHEDULE_CHOICES, SCHEDULE_LABELS, container, handlers));
  const scheduleEnd = el('small', { class: 'schedule-end', 'data-testid': 'schedule-end', hidden: '' });
  container.querySelector('[data-param="schedule"]')?.append(scheduleEnd);
  return {
    set(params, origins) {
      for (const [name, row] of rows) {
        const value = params[name];
        if (value !== undefined) row.setValue(value);
        row.setOrigin(origins[name]);
      }
    },
    focus(name) {
      rows.get(name)?.focus();
    },
    showScheduleEnd(text) {
      scheduleEnd.hidden = text === null;
      scheduleEnd.textContent = text ?? '';
    },
  };
}
