// Types for scripts/prerequisites.mjs, so that the TypeScript tests can name what they need in one line.
export type PrerequisiteName = 'native-build' | 'ripgrep' | 'chromium' | 'neovim';
export const PREREQUISITES: Record<PrerequisiteName, { what: string; apt: string[]; found: () => boolean }>;
export const NEEDS: Record<'start' | 'start-check' | 'test', PrerequisiteName[]>;
export function onPath(name: string): string | null;
export function chromiumPath(): string | null;
export function missingPrerequisites(names: PrerequisiteName[]): PrerequisiteName[];
export function missingLine(names: PrerequisiteName[], purpose: string): string;
export class MissingPrerequisite extends Error {}
export function ensurePrerequisites(need: 'start' | 'start-check' | 'test', purpose?: string): Promise<void>;
