import { Node, Project, SyntaxKind, type SourceFile } from 'ts-morph';
import { join } from 'node:path';

/** One documented form of the model (an operation, an instruction, an event, a step rule), as SPEC.md prints it. */
export interface ModelDoc {
  /** The form: its JSON shape (`{"op": "enter", "co": CoroutineId, "from": ContextId}`) or a rule's name. */
  readonly form: string;
  /** Its doc comment, on one line. */
  readonly doc: string;
}

/** The model's documented parts, each from the declaration that implements it. */
export interface ModelDocs {
  readonly operations: readonly ModelDoc[];
  readonly instructions: readonly ModelDoc[];
  readonly events: readonly ModelDoc[];
  readonly contractErrors: readonly ModelDoc[];
  readonly rules: readonly ModelDoc[];
}

const oneLine = (s: string): string => s.replace(/\s*\n\s*\*?\s*/g, ' ').trim();

/** The last `/** … *\/` comment in a stretch of source, without its delimiters, on one line ('' when none). */
function lastDoc(text: string): string {
  const last = [...text.matchAll(/\/\*\*([\s\S]*?)\*\//g)].at(-1);
  return last === undefined ? '' : oneLine(last[1] ?? '');
}

/** The doc comment right before a node (for a union member: before its `|`, after the previous member). */
function leadingDoc(node: Node, from: number = node.getPos()): string {
  return lastDoc(node.getSourceFile().getFullText().slice(from, node.getStart()));
}

/** A type literal as the JSON it describes: string-literal members as their values, the others by type name. */
function jsonShape(node: Node): string {
  const literal = node.asKindOrThrow(SyntaxKind.TypeLiteral);
  const fields = literal.getProperties().map((p) => {
    const t = p.getTypeNodeOrThrow();
    const value = Node.isLiteralTypeNode(t) ? t.getText().replace(/'/g, '"') : t.getText();
    return `"${p.getName()}": ${value}`;
  });
  return `{${fields.join(', ')}}`;
}

/** Each member of a union type alias with the doc comment before it. */
function unionDocs(file: SourceFile, alias: string, form: (member: Node) => string): ModelDoc[] {
  const union = file.getTypeAliasOrThrow(alias).getTypeNodeOrThrow().asKindOrThrow(SyntaxKind.UnionType);
  const members = union.getTypeNodes();
  return members.map((m, i) => ({ form: form(m), doc: leadingDoc(m, i === 0 ? union.getPos() : (members[i - 1] as Node).getEnd()) }));
}

/** The doc comments of the step machine's methods that carry a rule of the semantics. */
const RULE_METHODS = ['schedule', 'poll', 'enterLoop', 'refuseEntry', 'wakeSelf', 'run'] as const;

/**
 * Read the model's documentation from the spec's own source with ts-morph (nothing is imported or run): the
 * driver operations, instructions, events and contract errors from their union types, the rules from the doc
 * comments of `Machine`'s methods in spec/model/step.ts. SPEC.md prints them, so the document says what the
 * code does.
 */
export function readModelDocs(root: string): ModelDocs {
  const project = new Project({ tsConfigFilePath: join(root, 'tsconfig.json'), skipAddingFilesFromTsConfig: true });
  const file = (path: string): SourceFile => project.addSourceFileAtPath(join(root, path));
  const events = file('spec/model/events.ts');
  const machine = file('spec/model/step.ts').getClassOrThrow('Machine');
  return {
    operations: unionDocs(file('spec/model/ops.ts'), 'DriverOp', jsonShape),
    instructions: unionDocs(file('spec/model/program.ts'), 'Instruction', jsonShape),
    events: unionDocs(events, 'Event', jsonShape),
    contractErrors: unionDocs(events, 'ContractErrorKind', (m) => m.getText().replace(/'/g, '')),
    rules: RULE_METHODS.map((name) => ({ form: name, doc: leadingDoc(machine.getMethodOrThrow(name)) })),
  };
}
