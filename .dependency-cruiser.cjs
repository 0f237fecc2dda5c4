/**
 * The layer rules (docs/architecture.md, "Layers"): a module imports only from its own layer or the layers
 * below it. Checked by `layers.test.ts` in the unit suite, so an arrow pointing up fails CI.
 * Top to bottom; folders on one line share a layer and do not import each other.
 */
const LAYERS = [
  ['cli'],
  ['bench'],
  ['cohort'],
  ['graders'],
  ['kit'],
  ['selftest'],
  ['engine'],
  ['runner', 'loadgen'],
  ['stack'],
  ['reports'],
  ['core'],
  ['model'],
];

const folder = (names) => `^(${names.join('|')})/`;
const upward = LAYERS.flatMap((layer, i) => {
  const above = LAYERS.slice(0, i).flat();
  const rules = [];
  if (above.length) {
    rules.push({
      name: `${layer.join('+')}-imports-above`,
      comment: `${layer.join(', ')} may not import ${above.join(', ')} (layers point down)`,
      severity: 'error',
      from: { path: folder(layer) },
      to: { path: folder(above) },
    });
  }
  for (const name of layer) {
    const siblings = layer.filter((n) => n !== name);
    if (siblings.length) {
      rules.push({
        name: `${name}-imports-sibling`,
        comment: `${name} may not import ${siblings.join(', ')} (same layer)`,
        severity: 'error',
        from: { path: folder([name]) },
        to: { path: folder(siblings) },
      });
    }
  }
  return rules;
});

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-cycles',
      comment: 'no import cycles, anywhere',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'provider-internals',
      comment: 'outside stack/, the providers are reached through the stack handle, not their folders',
      severity: 'error',
      from: { path: '^', pathNot: '^stack/' },
      to: { path: '^stack/(native|docker|external)/' },
    },
    {
      name: 'exercise-imports-exercise',
      comment: 'an exercise folder does not import another exercise (shared code goes to kit/ or a family folder)',
      severity: 'error',
      from: { path: '^graders/(ex[0-9]+)/' },
      to: { path: '^graders/ex[0-9]+/', pathNot: '^graders/$1/' },
    },
    {
      name: 'model-imports-nothing',
      comment: 'model/ imports nothing of the project',
      severity: 'error',
      from: { path: '^model/' },
      to: { path: '^(?!model/)', dependencyTypesNot: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|fixtures|scratch|kgrade-out)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
