import {hankoRules, isHankoRules} from '../rules/hanko-versions.js';
import type {DecodePath, RuleContext} from '../rules/record-check.js';

/** What a worker needs to check records as the run does: sent as plain data in `workerData`. */
export type WorkerRules = {
	now: number;
	hankoVersion: string;
	/** Whether to say who records with problems are. */
	who?: boolean;
	decodePath?: DecodePath;
};

export function contextOf(data: WorkerRules): RuleContext {
	const rules = hankoRules(data.hankoVersion);
	if (!isHankoRules(rules)) throw new Error(rules.error);
	return {now: data.now, rules, decodePath: data.decodePath};
}
