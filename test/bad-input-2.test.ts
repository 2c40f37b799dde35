// The bad-input corpus, part 2 of 2 (test/helpers/bad-input-suite.ts runs it; the halves run in parallel).
import { defineCorpus } from './helpers/bad-input-suite.js';

defineCorpus(1, 2);
