/** JSON schema of `kgrade.json`, the manifest a solution may carry to say how to build and run it. */
const overrides = {
  topics: { type: 'object', additionalProperties: { type: 'string', minLength: 1, pattern: '^[a-zA-Z0-9._-]+$' } },
  groups: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
  applicationIds: {
    type: 'object',
    additionalProperties: { type: 'string', minLength: 1, pattern: '^[a-zA-Z0-9._-]+$' },
  },
  subjects: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
  connectors: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
  files: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
  endpoints: { type: 'object', additionalProperties: { type: 'string', pattern: '^(GET|POST|PUT|DELETE|PATCH) /' } },
  sink: { enum: ['topic', 'file'] },
  env: { type: 'object', additionalProperties: { type: 'string' } },
  main: { type: 'string', minLength: 1 },
  jar: { type: 'string', minLength: 1 },
  start: { type: 'string', minLength: 1 },
  sql: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1, pattern: '\\.sql$' } },
} as const;

export const MANIFEST_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    runner: { enum: ['node', 'maven', 'command', 'files'] },
    main: overrides.main,
    jar: overrides.jar,
    build: { type: 'string', minLength: 1 },
    start: overrides.start,
    env: overrides.env,
    ready: {
      type: 'object',
      additionalProperties: false,
      properties: {
        port: { type: 'boolean' },
        log: { type: 'string', minLength: 1 },
        timeoutSeconds: { type: 'number', minimum: 1, maximum: 600 },
      },
    },
    exercises: {
      type: 'object',
      propertyNames: { pattern: '^ex[0-9]+$' },
      additionalProperties: { type: 'object', additionalProperties: false, properties: overrides },
    },
  },
} as const;

/** An example value per key, quoted in error messages. */
export const MANIFEST_EXAMPLES: Record<string, string> = {
  runner: '"runner": "node" (or "maven", "command", "files")',
  main: '"main": "src/main.ts"',
  jar: '"jar": "target/app.jar"',
  build: '"build": "make"',
  start: '"start": "python3 main.py"',
  env: '"env": { "LOG_LEVEL": "warn" }',
  ready: '"ready": { "port": true, "timeoutSeconds": 60 }',
  port: '"port": true',
  log: '"log": "Started .* in"',
  timeoutSeconds: '"timeoutSeconds": 60',
  exercises: '"exercises": { "ex1": { "topics": { "notifications": "my-notifications" } } }',
  topics: '"topics": { "main": "my-topic" }',
  groups: '"groups": { "reader": "my-group" }',
  applicationIds: '"applicationIds": { "app": "my-streams-app" }',
  subjects: '"subjects": { "value": "my-topic-value" }',
  connectors: '"connectors": { "source": "my-file-source" }',
  files: '"files": { "input": "/tmp/input.txt" }',
  endpoints: '"endpoints": { "sync": "POST /notifications/sync" }',
  sink: '"sink": "file"',
  sql: '"sql": ["ksql/streams.sql", "ksql/tables.sql"]',
};
