import { defineGraderSuite } from '../../engine/vitest-suite.js';
import { ex9 } from './ex9.js';

defineGraderSuite(ex9);
