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
  /** Level-2 clauses: the swapped order of the seed's steps that violates it. */
  readonly violatedBy: string | null;
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

/**
 * Read the clause registry from source with ts-morph: the elements of `CLAUSES` in spec/clauses/registry.ts,
 * each followed to its declaration, whose object literal and JSDoc are read (nothing is imported or run).
 */
export function readClauses(root: string): ClauseSource[] {
  const project = new Project({ tsConfigFilePath: join(root, 'tsconfig.json'), skipAddingFilesFromTsConfig: true });
  const registry = project.addSourceFileAtPath(join(root, 'spec/clauses/registry.ts'));
  project.resolveSourceFileDependencies();
  const decl = registry.getVariableDeclarationOrThrow('CLAUSES');
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
      violatedBy: obj.getProperty('violatedBy') === undefined ? null : literal(obj, 'violatedBy'),
    };
  });
}
