import {UserError} from '../errors.js';
import {sourceKinds, sourceNames} from './source-kinds.js';

/** A file that is no export of a provider this tool knows: the user names its source with --from. */
export class UnknownSourceError extends UserError {
	constructor(file: string) {
		super(
			`${file}: not an export of a provider this tool knows (${sourceKinds.map(kind => sourceNames[kind]).join(', ')}): name the source with --from (${sourceKinds.join(', ')})`,
		);
	}
}
