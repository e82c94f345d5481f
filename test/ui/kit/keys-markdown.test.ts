import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {bindings, helpRows, keyLabel, screens} from '../../../source/ui/kit/keymap.js';
import {keysMarkdown} from '../../../source/ui/kit/keys-markdown.js';

const docs = readFileSync('docs/keys.md', 'utf8');

describe('docs/keys.md', () => {
	it('is what the keymap generates (run `npm run docs:keys` after changing a key)', () => {
		expect(docs).toBe(keysMarkdown());
	});

	it('lists every binding, each under a screen it works on', () => {
		const sections = docs.split('\n## ').slice(1);
		expect(sections).toHaveLength(screens.length);
		for (const binding of bindings) {
			const row = `| ${binding.keys.map(spec => keyLabel(spec)).join(', ')} | ${binding.description.replaceAll('|', '\\|')} |`;
			for (const screen of binding.screens)
				expect(sections[screens.indexOf(screen)], `${binding.action} on ${screen}`).toContain(row);
		}
	});

	it('has the keys of the validation screen in the order of its help screen', () => {
		const section = docs.split('\n## ')[1 + screens.indexOf('validation')]!;
		const rows = helpRows('validation').map(row => `| ${row.keys} | ${row.description} |`);
		const positions = rows.map(row => section.indexOf(row));
		expect(positions.every(position => position > 0)).toBe(true);
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);
	});
});
