/**
 * What a script's code does with a value, read as what the value is: a function a command-line library runs has
 * options for parameters (command-line.ts), the loop that steps the optimizer is the run (training-loop.ts), a
 * hand-written optimizer's defaults are its hyperparameters (optimizer-functions.ts), and a batch the code divides
 * by the number of processes counts every device (device-split.ts); and what the comment beside a setting says of it
 * (../trailing-comments.ts). One import for the reader (python.ts).
 */
import type { SyntaxNode } from '@lezer/common';
import type { Scope } from './evaluate';
import { runsPerOuterPass } from './outer-passes';
import type { Reader } from './placement';
import { readAccumulationLoop, readTrainingLoop as readLoopBound } from './training-loop';
export { calledNames, commandLineFunctions, readEntryDefaults, readParameterOptions } from './command-line';
export { markDeviceSplits } from './device-split';
export { readOptimizerDefaults } from './optimizer-functions';
export { withTrailingComments } from '../trailing-comments';

/**
 * The loop that steps the optimizer, read as the run unless an outer loop repeats it (outer-passes.ts); a loop inside
 * it accumulating gradients, read whatever repeats it.
 */
export function readTrainingLoop(reader: Reader, scope: Scope, node: SyntaxNode): void {
  readAccumulationLoop(reader, scope, node);
  if (!runsPerOuterPass(reader, node)) readLoopBound(reader, scope, node);
}
