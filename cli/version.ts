/** The version `optlens --version` prints and SARIF reports: the package's own, read at build time. */
import { version } from '../package.json';

export const VERSION: string = version;
