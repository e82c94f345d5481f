import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {findProblems} from '../../../source/ui/validation/find-problems.js';

describe('findProblems', () => {
	it("finds problems by the user's email or id and by message, case-insensitively", async () => {
		const run = new ValidationRun(path.join('fixtures', 'broken.json'), {now: Date.parse('2026-01-01T00:00:00Z')}).start();
		await run.finished();
		const codes = (hits: number[]) => hits.map(index => `${run.problems.get(index).record}:${run.problems.get(index).code}`);
		expect(codes(await findProblems(run, 'HANK@'))).toEqual(['8:email.duplicate-in-user', '8:email.uppercase']);
		expect(codes(await findProblems(run, 'AUTH0|5F7C8EC7'))).toEqual(['3:user-id.invalid']);
		expect(codes(await findProblems(run, '33333333-3333'))).toEqual(['5:email.invalid', '40:duplicate.user-handle']);
		expect(codes(await findProblems(run, 'rewrite the prefix'))).toEqual(['11:password.bcrypt-variant']);
		expect(await findProblems(run, 'no such thing anywhere')).toEqual([]);
	});
});
