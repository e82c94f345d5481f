import {consoleLimitBytes} from '../engine/validation-run.js';
import {type OutputCheck, byCodeReport} from '../report/validation-report.js';
import {type RuleCode, importFacts, ruleFor} from '../rules/catalogue.js';

/**
 * What a validation of the fixed output would report, gathered while it is written instead of by
 * reading it again. Each record's problems are what is known of its bytes: a record copied as it is
 * has the problems the validation found in it (the same bytes, the same clock and Hanko version), a
 * fixed record those of its check after the fixes (it is written as that value), and the duplicates
 * across the output come from the writer's own check of the output's values (`OutputKeys`). What the
 * file as a whole would get is known from how it is written: a JSON array from its first byte, no byte
 * order mark, not compressed, nothing after the `]`; only the Console's size limit depends on it.
 */
export class OutputVerdict {
	private records = 0;
	private invalid = 0;
	private warnings = 0;
	private readonly byCode = new Map<RuleCode, number>();

	/** One record written, with its problems in the output. */
	add(problems: ReadonlyArray<{code: RuleCode}>): void {
		this.records++;
		let error = false;
		for (const {code} of problems) {
			this.count(code);
			if (ruleFor(code).severity === 'error') error = true;
			else this.warnings++;
		}

		if (error) this.invalid++;
	}

	/** Records copied as they are, without a problem. */
	addClean(records: number): void {
		this.records += records;
	}

	/**
	 * A duplicate found across the output, on a record counted already (`wasValid`: it had no error
	 * before this one).
	 */
	addDuplicate(code: RuleCode, wasValid: boolean): void {
		this.count(code);
		if (wasValid) this.invalid++;
	}

	/**
	 * The check of the whole output: `file` is the output (or the manifest of its parts), `parts` the
	 * size of each file written (one, unless split), as the Console's limit applies to each.
	 */
	build(file: string, hankoVersion: string, parts: readonly number[]): OutputCheck {
		const byCode = new Map(this.byCode);
		let {warnings} = this;
		for (const bytes of parts) {
			if (bytes <= consoleLimitBytes) continue;
			byCode.set('file.console-size', (byCode.get('file.console-size') ?? 0) + 1);
			warnings++;
		}

		return {
			file,
			hankoVersion,
			format: 'json-array',
			compressed: false,
			bytes: parts.reduce((total, bytes) => total + bytes, 0),
			records: this.records,
			valid: this.records - this.invalid,
			invalid: this.invalid,
			fileErrors: 0,
			warnings,
			byCode: byCodeReport(byCode),
			facts: this.records > 0 ? importFacts : [],
			fatal: null,
		};
	}

	private count(code: RuleCode): void {
		this.byCode.set(code, (this.byCode.get(code) ?? 0) + 1);
	}
}
