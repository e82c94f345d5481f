import {setFlagsFromString} from 'node:v8';
import {onTerminal} from './commands/shared/on-terminal.js';

// Imported first by the CLI, before anything loads undici. undici parses HTTP with llhttp built to
// WebAssembly and compiles it as it loads; V8's optimising compiler takes about 35 MB while doing so,
// a third of a headless export's peak memory (measured: 117 MB against 82 MB for a small export). The
// baseline compiler alone parses an export's few requests a second as fast. Only for a headless
// export: the screens lay out with yoga, WebAssembly too, which should keep its optimised code.
const [command] = process.argv.slice(2);
const onScreen = onTerminal(process.argv.includes('--json'));
if (command === 'export' && !onScreen) setFlagsFromString('--liftoff-only');
