export { createProcessAdapter, type ProcessAdapter, type ProcessAdapterOptions, type ProcessSession } from './adapter';
export { splitCommandLine, type SplitResult } from './commandLine';
export { parseChildLine, PROTOCOL_VERSION, CHILD_MESSAGE_SCHEMA, PARENT_MESSAGE_SCHEMA, type ChildMessage, type ParsedLine } from './schema';
