import {describe, expect, it} from 'vitest';
import {createMouseSplitter, type InputPart, mouseEvent} from '../../../source/ui/kit/sgr-mouse.js';

const esc = '\u001B';
const wheel = (parts: InputPart[]) => parts.map(part => (part.kind === 'text' ? part.text : `<${part.event.wheel ?? 'other'}>`));

describe('SGR mouse reports', () => {
	it('reads the wheel, with the modifier bits taken off the button', () => {
		expect(mouseEvent(64, 10, 5, 'M')).toMatchObject({wheel: 'up', button: 64, shift: false, alt: false, ctrl: false, x: 10, y: 5});
		expect(mouseEvent(65, 1, 1, 'M')).toMatchObject({wheel: 'down', button: 65});
		// Shift 4, Alt 8, Ctrl 16
		expect(mouseEvent(64 + 4, 1, 1, 'M')).toMatchObject({wheel: 'up', shift: true});
		expect(mouseEvent(65 + 8, 1, 1, 'M')).toMatchObject({wheel: 'down', alt: true});
		expect(mouseEvent(65 + 16 + 4, 1, 1, 'M')).toMatchObject({wheel: 'down', ctrl: true, shift: true});
		expect(mouseEvent(64 + 32, 1, 1, 'M')).toMatchObject({wheel: 'up', motion: true});
	});

	it('gives clicks, releases and the extra buttons no wheel', () => {
		expect(mouseEvent(0, 3, 4, 'M')).toMatchObject({wheel: undefined, button: 0, release: false});
		expect(mouseEvent(0, 3, 4, 'm')).toMatchObject({wheel: undefined, release: true});
		expect(mouseEvent(2 + 16, 3, 4, 'M')).toMatchObject({wheel: undefined, button: 2, ctrl: true});
		// Buttons 8-11 (128 and up) and wheel left/right (66, 67) are not the vertical wheel
		expect(mouseEvent(128, 3, 4, 'M').wheel).toBeUndefined();
		expect(mouseEvent(66, 3, 4, 'M').wheel).toBeUndefined();
		expect(mouseEvent(64, 3, 4, 'm').wheel).toBeUndefined();
	});

	it('splits a chunk into reports and the text around them', () => {
		const splitter = createMouseSplitter();
		const parts = splitter.push(`ab${esc}[<64;10;5M${esc}[<65;1;1Mq${esc}[<0;2;3mx`);
		expect(wheel(parts)).toEqual(['ab', '<up>', '<down>', 'q', '<other>', 'x']);
		expect(parts[1]).toMatchObject({kind: 'mouse', event: {x: 10, y: 5}});
		expect(splitter.holding).toBe(false);
	});

	it('takes a burst of wheel reports as one event each', () => {
		const burst = `${esc}[<65;80;24M`.repeat(50);
		expect(wheel(createMouseSplitter().push(burst))).toEqual(Array.from({length: 50}, () => '<down>'));
	});

	it('passes text without reports as it came, other escape sequences included', () => {
		const splitter = createMouseSplitter();
		expect(wheel(splitter.push('jjj'))).toEqual(['jjj']);
		expect(wheel(splitter.push(`${esc}[A${esc}[5~x${esc}[200~pasted${esc}[201~`))).toEqual([
			`${esc}[A${esc}[5~x${esc}[200~pasted${esc}[201~`,
		]);
		expect(wheel(splitter.push('[<64;10;5M without its escape'))).toEqual(['[<64;10;5M without its escape']);
		expect(splitter.holding).toBe(false);
	});

	it('holds a report cut across chunks until its end arrives, at any byte', () => {
		const whole = `k${esc}[<65;120;33Mj`;
		for (let cut = 1; cut < whole.length; cut++) {
			const splitter = createMouseSplitter();
			const parts = [...splitter.push(whole.slice(0, cut)), ...splitter.push(whole.slice(cut))];
			expect(wheel(parts).join('|'), `cut at ${cut}`).toBe('k|<down>|j');
			expect(splitter.holding).toBe(false);
		}
	});

	it('holds a report cut in three pieces', () => {
		const splitter = createMouseSplitter();
		expect(wheel(splitter.push(`${esc}[<6`))).toEqual([]);
		expect(splitter.holding).toBe(true);
		expect(wheel(splitter.push('4;10'))).toEqual([]);
		expect(wheel(splitter.push(';5M'))).toEqual(['<up>']);
	});

	it('gives back what it holds on flush: a lone Esc is a key', () => {
		const splitter = createMouseSplitter();
		expect(wheel(splitter.push(`x${esc}`))).toEqual(['x']);
		expect(splitter.holding).toBe(true);
		expect(splitter.flush()).toBe(esc);
		expect(splitter.holding).toBe(false);
		expect(splitter.flush()).toBe('');
	});

	it('drops a report cut short, so that its digits and letters are typed nowhere', () => {
		const splitter = createMouseSplitter();
		expect(wheel(splitter.push(`a${esc}[<64;10qb`))).toEqual(['aqb']);
		expect(wheel(splitter.push(`${esc}[<x`))).toEqual(['x']);
		expect(wheel(splitter.push(`${esc}[<1;2;3;4M`))).toEqual(['M']);
	});

	it('reads overlong numbers as garbage, not as a report', () => {
		const splitter = createMouseSplitter();
		expect(wheel(splitter.push(`${esc}[<64;123456;1M`))).toEqual(['M']);
	});
});
