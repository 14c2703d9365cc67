// The exact-decimal helpers live in shared/ so the CLI formats with the same rules.
export * from '../../../shared/format/decimal.js';
