import { defineGraderSuite } from '../../engine/vitest-suite.js';
import { ex8 } from './ex8.js';

defineGraderSuite(ex8);
