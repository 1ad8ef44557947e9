/**
 * The pages' DOM building blocks: an element with attributes and text, and a citation whose sections are links.
 * Shared by the playground and the report page, so a Source line reads and behaves the same in both.
 */
import { citationParts } from '../core/science-reference';

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The attribute a section link carries its section id in; `onSectionLink` reads it back. */
const SECTION_ATTRIBUTE = 'data-section';

/**
 * "science.md §3.6a, §7.3 (per coordinate)" as nodes, every character kept, each "§N.M" a link (a real anchor:
 * reached with Tab, followed with Enter) that asks the host to open the reference at that section.
 */
export function citationNodes(citation: string): Node[] {
  return citationParts(citation).map(({ text, section }) => (section === null
    ? document.createTextNode(text)
    : el('a', { href: '#', class: 'section-link', [SECTION_ATTRIBUTE]: section,
      title: `Open the science reference at §${section}` }, text)));
}

const shownCitations = new WeakMap<Node, string>();

/**
 * Puts `text` ("Source: science.md §2.1, §2.4") into `target` with its sections as links. Rebuilt only when the text
 * changed: a page that re-renders on every slider move keeps a focused link focused.
 */
export function setCitation(target: HTMLElement, text: string): void {
  if (shownCitations.get(target) === text) return;
  shownCitations.set(target, text);
  target.replaceChildren(...citationNodes(text));
}

/**
 * Calls `open` with the section of any section link followed inside `root` (a click, or Enter on a focused link):
 * one listener for links that are re-rendered with the formulas.
 */
export function onSectionLink(root: HTMLElement, open: (section: string) => void): void {
  root.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest(`a[${SECTION_ATTRIBUTE}]`) : null;
    const section = link?.getAttribute(SECTION_ATTRIBUTE);
    if (!section) return;
    event.preventDefault();
    open(section);
  });
}
