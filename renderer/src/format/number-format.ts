// One formatting rule per kind of figure, shared with the CLI.
export * from '../../../shared/format/number-format.js';
