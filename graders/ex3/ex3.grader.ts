import { defineGraderSuite } from '../../engine/vitest-suite.js';
import { ex3 } from './ex3.js';

defineGraderSuite(ex3);
