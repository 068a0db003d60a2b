import { Node, Project, SyntaxKind, type ObjectLiteralExpression } from 'ts-morph';
import { join, relative } from 'node:path';

/** A clause as the generator reads it from the source: what SPEC.md and the suites print. */
export interface ClauseSource {
  readonly id: string;
  readonly slug: string;
  readonly statement: string;
  readonly level: number;
  readonly profile: string;
  readonly status: string;
  readonly situation: string;
  readonly seed: readonly { readonly lines: readonly [number, number]; readonly quote: string }[];
  /** The JSDoc of the clause's declaration: the explanation of its predicate. */
  readonly doc: string;
  /** Repository-relative path of the file that declares it. */
  readonly file: string;
  /** Level-2 clauses: the swapped order of the seed's (or, profile strict, upstream's) steps that violates it. */
  readonly violatedBy: string | null;
  /** Profile `strict`: the upstream code the clause cites. */
  readonly upstream: readonly { readonly file: string; readonly fn: string; readonly quote: string }[];
}

function prop(obj: ObjectLiteralExpression, name: string): Node {
  const p = obj.getProperty(name);
  if (p === undefined || !Node.isPropertyAssignment(p)) throw new Error(`clause ${obj.getSourceFile().getFilePath()}: no '${name}' property`);
  const init = p.getInitializer();
  if (init === undefined) throw new Error(`clause property '${name}' has no value`);
  return init;
}

function literal(obj: ObjectLiteralExpression, name: string): string {
  const n = prop(obj, name);
  if (Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n)) return n.getLiteralValue();
  if (Node.isNumericLiteral(n)) return String(n.getLiteralValue());
  throw new Error(`clause property '${name}' must be a literal, found: ${n.getText()}`);
}

function seedCitations(obj: ObjectLiteralExpression): ClauseSource['seed'] {
  const arr = prop(obj, 'seed').asKindOrThrow(SyntaxKind.ArrayLiteralExpression);
  return arr.getElements().map((el) => {
    const o = el.asKindOrThrow(SyntaxKind.ObjectLiteralExpression);
    const lines = prop(o, 'lines').asKindOrThrow(SyntaxKind.ArrayLiteralExpression).getElements().map((e) => Number(e.getText()));
    return { lines: [lines[0] ?? 0, lines[1] ?? 0] as const, quote: literal(o, 'quote') };
  });
}

function upstreamCitations(obj: ObjectLiteralExpression): ClauseSource['upstream'] {
  if (obj.getProperty('upstream') === undefined) return [];
  const arr = prop(obj, 'upstream').asKindOrThrow(SyntaxKind.ArrayLiteralExpression);
  return arr.getElements().map((el) => {
    const o = el.asKindOrThrow(SyntaxKind.ObjectLiteralExpression);
    return { file: literal(o, 'file'), fn: literal(o, 'fn'), quote: literal(o, 'quote') };
  });
}

/** Where each profile's registry is: the file and the array's name. */
export const REGISTRIES = {
  cancel: { file: 'spec/clauses/registry.ts', array: 'CLAUSES' },
  strict: { file: 'spec/strict/registry.ts', array: 'STRICT_CLAUSES' },
} as const;

/**
 * Read a clause registry from source with ts-morph (default: profile cancel's, the elements of `CLAUSES` in
 * spec/clauses/registry.ts), each followed to its declaration, whose object literal and JSDoc are read
 * (nothing is imported or run).
 */
export function readClauses(root: string, registryOf: keyof typeof REGISTRIES = 'cancel'): ClauseSource[] {
  const project = new Project({ tsConfigFilePath: join(root, 'tsconfig.json'), skipAddingFilesFromTsConfig: true });
  const registry = project.addSourceFileAtPath(join(root, REGISTRIES[registryOf].file));
  project.resolveSourceFileDependencies();
  const decl = registry.getVariableDeclarationOrThrow(REGISTRIES[registryOf].array);
  const array = decl.getInitializerIfKindOrThrow(SyntaxKind.ArrayLiteralExpression);
  return array.getElements().map((el) => {
    const target = el.asKindOrThrow(SyntaxKind.Identifier).getDefinitionNodes()[0];
    if (target === undefined || !Node.isVariableDeclaration(target)) throw new Error(`CLAUSES element ${el.getText()} is not a variable declaration`);
    const obj = target.getInitializerIfKindOrThrow(SyntaxKind.ObjectLiteralExpression);
    const statement = target.getVariableStatementOrThrow();
    const doc = statement
      .getJsDocs()
      .map((d) => d.getDescription().trim())
      .join('\n')
      .replace(/\s*\n\s*/g, ' ');
    return {
      id: literal(obj, 'id'),
      slug: literal(obj, 'slug'),
      statement: literal(obj, 'statement'),
      level: Number(literal(obj, 'level')),
      profile: literal(obj, 'profile'),
      status: literal(obj, 'status'),
      situation: literal(obj, 'situation'),
      seed: seedCitations(obj),
      doc,
      file: relative(root, target.getSourceFile().getFilePath()).split('\\').join('/'),
      violatedBy: obj.getProperty('violatedBy') !== undefined ? literal(obj, 'violatedBy') : obj.getProperty('strictViolatedBy') !== undefined ? literal(obj, 'strictViolatedBy') : null,
      upstream: upstreamCitations(obj),
    };
  });
}
