import { defineGraderSuite } from '../../engine/vitest-suite.js';
import { ex1 } from './ex1.js';

defineGraderSuite(ex1);
