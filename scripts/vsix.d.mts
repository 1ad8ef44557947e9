// Types for scripts/vsix.mjs.
export function vsixEntries(path: string): {
  name: string; size: number; method: number; compressedSize: number; localHeader: number }[];
export function vsixFile(path: string, name: string): Buffer;
