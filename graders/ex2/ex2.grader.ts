import { defineGraderSuite } from '../../engine/vitest-suite.js';
import { ex2 } from './ex2.js';

defineGraderSuite(ex2);
