#!/usr/bin/env node
// Checks the Kubernetes templates (templates/kubernetes/*.yaml) against the Kubernetes API schemas, without a
// cluster: each document is validated by the model of its apiVersion/kind from `kubernetes-models` (generated from
// the Kubernetes OpenAPI definitions: types, enums, required fields), then type-checked as an object literal of
// that model's TypeScript interface, which refuses unknown fields (a misspelt key would otherwise be dropped by the
// API server without a word). Then kgrade's own rule: an Indexed Job that grades shards runs as many pods as
// KGRADE_SHARDS says. Usage: node scripts/lint-kubernetes.mjs <models dir> <file.yaml>...
// (scripts/lint-templates.sh installs the pinned models into its cache and calls this.)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

const [modelsDir, ...files] = process.argv.slice(2);
if (!modelsDir || files.length === 0) {
  console.error('usage: node scripts/lint-kubernetes.mjs <models dir> <file.yaml>...');
  process.exit(2);
}
const requireModels = createRequire(path.join(path.resolve(modelsDir), 'index.js'));
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** `batch/v1` + `Job` -> `kubernetes-models/batch/v1/Job`; the core group (`v1`) has no group folder. */
const modulePath = (apiVersion, kind) => `kubernetes-models/${apiVersion}/${kind}`;

/** kgrade's rule for the sharded Job: completions, parallelism and KGRADE_SHARDS agree. */
function shardRule(doc) {
  if (doc.kind !== 'Job' || doc.spec?.completionMode !== 'Indexed') return [];
  const env = (doc.spec.template?.spec?.containers ?? []).flatMap((c) => c.env ?? []);
  const shards = env.find((e) => e.name === 'KGRADE_SHARDS');
  if (!shards) return [];
  const problems = [];
  if (String(doc.spec.completions) !== String(shards.value))
    problems.push(
      `completions (${doc.spec.completions}) and KGRADE_SHARDS (${shards.value}) differ: each pod grades shard index+1 of KGRADE_SHARDS, so students would be left out or graded twice; change them together`,
    );
  if (doc.spec.parallelism > doc.spec.completions)
    problems.push(`parallelism (${doc.spec.parallelism}) exceeds completions (${doc.spec.completions})`);
  return problems;
}

const problems = [];
const literals = [];
for (const file of files) {
  const rel = path.relative(root, path.resolve(file));
  for (const [i, d] of parseAllDocuments(fs.readFileSync(file, 'utf8')).entries()) {
    const where = `${rel} (document ${i + 1})`;
    if (d.errors.length) {
      problems.push(`${where}: not YAML: ${d.errors[0].message}`);
      continue;
    }
    const doc = d.toJSON();
    if (doc === null) continue;
    const { apiVersion, kind } = doc;
    let Model;
    try {
      Model = requireModels(modulePath(apiVersion, kind))[kind];
    } catch {
      problems.push(`${where}: unknown apiVersion/kind ${apiVersion}/${kind}`);
      continue;
    }
    try {
      new Model(doc).validate();
    } catch (e) {
      problems.push(`${where}: ${kind} ${doc.metadata?.name ?? ''}: ${e.message}`);
    }
    for (const p of shardRule(doc)) problems.push(`${where}: ${p}`);
    literals.push({ where, module: modulePath(apiVersion, kind), kind, doc });
  }
}

// Unknown fields: one TypeScript file per document, an object literal typed by the model's interface.
const work = fs.mkdtempSync(path.join(path.resolve(modelsDir), '..', 'check-'));
try {
  fs.symlinkSync(path.resolve(modelsDir, '..'), path.join(work, 'node_modules'));
  const names = literals.map((l, i) => {
    const name = `doc${i}.ts`;
    fs.writeFileSync(
      path.join(work, name),
      `// ${l.where}\nimport type { I${l.kind} } from '${l.module}';\nexport const doc: I${l.kind} = ${JSON.stringify(l.doc, null, 2)};\n`,
    );
    return name;
  });
  fs.writeFileSync(
    path.join(work, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: 'commonjs',
        moduleResolution: 'node',
        skipLibCheck: true,
        types: [],
      },
      files: names,
    }),
  );
  try {
    execFileSync(process.execPath, [tsc, '-p', '.'], { cwd: work, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    for (const line of String(e.stdout)
      .split('\n')
      .filter((l) => /error TS/.test(l))) {
      const m = /^(doc\d+)\.ts\(\d+,\d+\): error TS\d+: (.*)$/.exec(line);
      problems.push(m ? `${literals[Number(m[1].slice(3))].where}: ${m[2]}` : line);
    }
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

console.log(
  `Kubernetes schemas (kubernetes-models): ${files.map((f) => path.relative(root, path.resolve(f))).join(' ')}: ${literals.length} documents`,
);
for (const p of problems) console.log(`  ${p}`);
process.exit(problems.length ? 1 : 0);
