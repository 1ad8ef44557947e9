/**
 * A comment line between the flags of a command continued with `\` (a launcher that explains each flag on the
 * line above it, OpenBMB/MiniCPM@0fcc3d0 finetune/sft_finetune.sh):
 *
 *     deepspeed finetune.py \
 *         # learning rate
 *         --learning_rate 5e-5 \
 *
 * Bash ends the command at the comment's newline and runs each flag line as a command of its own, which fails: no
 * run takes the flags that way. What the file writes is the command with its flags, so the comment line is read as
 * a comment inside the continuation, where the next line goes on with a flag.
 */
import type { Lexer } from './words';

/** Whether `lx.pos`, on a `#`, starts a comment alone on its line (blanks before it). */
export function commentAloneOnLine(lx: Lexer): boolean {
  for (let i = lx.pos - 1; i >= 0; i--) {
    const c = lx.text[i];
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t') return false;
  }
  return true;
}

/**
 * After a comment read inside an open command (`lx.pos` at its line's end): moves past the newline and returns true
 * where the next line goes on with a flag (`--name`, `-n`), so the command continues there.
 */
export function continuesWithFlag(lx: Lexer): boolean {
  let i = lx.pos;
  if (lx.text[i] === '\r') i++;
  if (lx.text[i] !== '\n') return false;
  let j = i + 1;
  while (j < lx.end && (lx.text[j] === ' ' || lx.text[j] === '\t')) j++;
  if (lx.text[j] !== '-' || !/[-A-Za-z]/.test(lx.text[j + 1] ?? '')) return false;
  lx.pos = i + 1;
  return true;
}
