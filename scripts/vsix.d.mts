export function vsixEntries(path: string): { name: string; size: number }[];
