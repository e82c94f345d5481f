// Writes docs/keys.md from the built keymap (run through `npm run docs:keys`, which builds first).
import {writeFileSync} from 'node:fs';
import {keysMarkdown} from '../dist/ui/kit/keys-markdown.js';

writeFileSync(new URL('../docs/keys.md', import.meta.url), keysMarkdown());
