/**
 * Splitting a bracketed list written as text (gin's `(0.9, 0.98)`, an INI value `[0.9, 0.95]` that the code
 * `ast.literal_eval`s) into its elements, as Python reads such a literal: commas inside brackets or quotes do not
 * split, and a trailing comma adds no element.
 */

/**
 * A list's body split at its top-level commas, each part with its offset in `body`; null when a bracket does not
 * close inside it (then the value is not one list). Linear in the body's length.
 */
export function topLevelParts(body: string): { text: string; at: number }[] | null {
  const parts: { text: string; at: number }[] = [];
  let depth = 0;
  let quote = '';
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (--depth < 0) return null;
    } else if (c === ',' && depth === 0) {
      parts.push({ text: body.slice(from, i), at: from });
      from = i + 1;
    }
  }
  if (depth !== 0 || quote) return null;
  const last = body.slice(from);
  // `[0.9, 0.95,]` and `(0.9,)`: a trailing comma ends the list, it adds no element.
  if (last.trim() !== '' || parts.length === 0) parts.push({ text: last, at: from });
  return parts;
}
