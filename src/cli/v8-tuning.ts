// V8 settings for the code scan: a one-shot run of a few seconds in which every thread runs the same
// hot code (TypeScript's parser, the extractors) over thousands of short-lived syntax trees.
// Measured on the 500k-line bench (alternated runs, load 2-4, reports byte-identical):
// - TurboFan's inlining budget: its default (920 bytes of bytecode inlined per function) makes the
//   extractors' big functions take 50-125 ms each to optimize, once per worker isolate, on the same
//   2 cores the workers need; at 100 a scan with 2 workers takes 4.8-5.0 s instead of 5.3-5.5 s
//   (CPU 9.0-9.3 s instead of 10.1-10.5 s), and 1 core gains ~0.4 s.
// - Inlining Array builtins (map, filter, some, find, …) into optimized code: the extractors call
//   them everywhere, and each inlined loop grows the function TurboFan compiles (Kysely's statementOf:
//   ~90 ms per compile, three times over as it deoptimized on a new object shape). Without it
//   TurboFan's work per isolate drops 1.9 -> 1.4 s of background CPU (--trace-opt, one thread), and a
//   scan with 2 workers takes 4.49-4.83 s instead of 4.71-4.97 s (CPU 8.6-9.2 vs 9.1-9.5 s, 5
//   alternated runs each, load 3). Turning off loop peeling or escape analysis as well saves compile
//   time but no wall time; no inlining at all is slower.
// - Allocation-site pretenuring: in about a third of the single-thread runs V8 decided, from a file's
//   tree that survived a scavenge, to allocate syntax nodes in old space, where they die unseen until
//   a full collection: 9.0-9.3 s and 570 MB instead of 7.3 s and 390 MB (0 of 13 such runs without it,
//   4 of 13 with it).
// Process-wide flags, read when code is compiled and when the heap allocates: set by the command line
// before the scan starts (worker isolates inherit them), never by the library.
import { setFlagsFromString } from 'node:v8';

export function tuneV8ForScanning(): void {
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=100');
  setFlagsFromString('--no-allocation-site-pretenuring');
  setFlagsFromString('--no-turbo-inline-array-builtins');
}
