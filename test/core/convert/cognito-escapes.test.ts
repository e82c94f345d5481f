import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {escapedComma, hideEscapedCommas, restoreEscapedCommas} from '../../../source/core/convert/cognito-escapes.js';

async function through(chunks: string[]): Promise<string> {
	const out: Buffer[] = [];
	for await (const chunk of Readable.from(chunks.map(text => Buffer.from(text))).pipe(hideEscapedCommas())) out.push(chunk as Buffer);
	return Buffer.concat(out).toString('utf8');
}

describe("Cognito's escaped commas", () => {
	it('hides every \\, from the CSV parser, wherever the chunks are cut', async () => {
		const text = 'Smith\\, Ann,a@x.io,back\\slash,end\\';
		const expected = `Smith${escapedComma} Ann,a@x.io,back\\slash,end\\`;
		expect(await through([text])).toBe(expected);
		for (let cut = 1; cut < text.length; cut++) expect(await through([text.slice(0, cut), text.slice(cut)])).toBe(expected);
		expect(await through(['a\\', '\\', ',b'])).toBe(`a\\${escapedComma}b`);
	});

	it('gives the cells their commas back', () => {
		expect(restoreEscapedCommas([`Smith${escapedComma} Ann`, 'plain'])).toEqual(['Smith, Ann', 'plain']);
	});
});
