import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root folder (graders/, fixtures/ live there), wherever kgrade is installed. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
