// What the history keeps of a record: the records' sanitizer, as a lazy bundle of its own (esbuild.js LAZY_BUNDLES)
// for the history in the activation bundle, which takes in records only after a call was made. The lazily loaded
// code (the journal's reader, the inspector, the export) imports the sanitizer directly.

export { sanitizeRecord } from '../records/recordSanitizer';
