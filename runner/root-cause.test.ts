import { describe, expect, it } from 'vitest';
import { explainingLogLine, lastLines, rootCauseLine } from './root-cause.js';

const SPRING_START_FAILURE = `
  .   ____          _            __ _ _
 /\\\\ / ___'_ __ _ _(_)_ __  __ _ \\ \\ \\ \\
2024-05-02T10:11:12.345Z  INFO 4242 --- [           main] o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat started on port 41234 (http) with context path ''
2024-05-02T10:11:12.501Z ERROR 4242 --- [           main] o.s.boot.SpringApplication               : Application run failed

org.springframework.context.ApplicationContextException: Failed to start bean 'org.springframework.kafka.config.internalKafkaListenerEndpointRegistry'
	at org.springframework.context.support.DefaultLifecycleProcessor.doStart(DefaultLifecycleProcessor.java:288) ~[spring-context-6.1.6.jar!/:6.1.6]
	at org.springframework.boot.SpringApplication.run(SpringApplication.java:335) ~[spring-boot-3.2.5.jar!/:3.2.5]
	at com.example.demo.DemoBaseKafkaApplication.main(DemoBaseKafkaApplication.java:10) ~[classes!/:0.0.1-SNAPSHOT]
Caused by: org.apache.kafka.common.KafkaException: Failed to construct kafka consumer
	at org.apache.kafka.clients.consumer.internals.LegacyKafkaConsumer.<init>(LegacyKafkaConsumer.java:265) ~[kafka-clients-3.6.2.jar!/:na]
	... 20 common frames omitted
Caused by: org.apache.kafka.common.config.ConfigException: Invalid value earliest # from beginning for configuration auto.offset.reset: String must be one of: latest, earliest, none
	at org.apache.kafka.common.config.ConfigDef$ValidString.ensureValid(ConfigDef.java:961) ~[kafka-clients-3.6.2.jar!/:na]
	... 31 common frames omitted

2024-05-02T10:11:12.600Z  INFO 4242 --- [           main] o.s.b.w.embedded.tomcat.TomcatWebServer  : Stopping Tomcat
`;

const JAVA_MAIN_THROWS = `[main] INFO org.apache.kafka.clients.producer.ProducerConfig - ProducerConfig values:
Exception in thread "main" java.lang.IllegalStateException: KGRADE_TOPIC is not set
	at App.main(App.java:12)
`;

const NODE_THROWS = `/work/solution/src/main.ts:14
  throw new TypeError("Cannot read properties of undefined (reading 'send')");
        ^


TypeError: Cannot read properties of undefined (reading 'send')
    at <anonymous> (/work/solution/src/main.ts:14:9)
    at ModuleJob.run (node:internal/modules/esm/module_job:222:25)

Node.js v20.12.2
`;

const NODE_MODULE_MISSING = `node:internal/modules/esm/resolve:854
  throw new ERR_MODULE_NOT_FOUND(packageName, fileURLToPath(base), null);
        ^

Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'kafkajs' imported from /work/solution/src/main.ts
    at packageResolve (node:internal/modules/esm/resolve:854:9)
`;

describe('rootCauseLine', () => {
  it('Java: the deepest Caused by of a Spring Boot start failure', () => {
    expect(rootCauseLine(SPRING_START_FAILURE)).toBe(
      'Caused by: org.apache.kafka.common.config.ConfigException: Invalid value earliest # from beginning for configuration auto.offset.reset: String must be one of: latest, earliest, none',
    );
  });
  it('Java: the exception itself when nothing caused it', () => {
    expect(rootCauseLine(JAVA_MAIN_THROWS)).toBe('java.lang.IllegalStateException: KGRADE_TOPIC is not set');
  });
  it('Node: the first error line, not the source excerpt above it', () => {
    expect(rootCauseLine(NODE_THROWS)).toBe("TypeError: Cannot read properties of undefined (reading 'send')");
    expect(rootCauseLine(NODE_MODULE_MISSING)).toBe(
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'kafkajs' imported from /work/solution/src/main.ts",
    );
  });
  it('nothing when the output holds no error', () => {
    expect(rootCauseLine('listening on 8080\nbye\n')).toBeUndefined();
    expect(rootCauseLine('')).toBeUndefined();
  });
  it('colour codes do not hide the cause', () => {
    expect(rootCauseLine('\x1b[31mError: boom\x1b[0m\n    at x (y.js:1:1)')).toBe('Error: boom');
  });
});

describe('lastLines', () => {
  it('keeps the last non-empty lines', () => {
    expect(lastLines('a\n\nb\nc\n\n', 2)).toBe('b\nc');
  });
});

describe('rootCauseLine on compiler errors', () => {
  it('names the first compiler error with its file:line (tsx refusing a file at start-up, a Maven build)', () => {
    const tsx = [
      'node:internal/modules/run_main:123',
      '    triggerUncaughtException(',
      'Error [TransformError]: Transform failed with 1 error:',
      '/home/s/ex3/src/main.ts:9:14: ERROR: Expected ";" but found "consumer"',
      '    at failureErrorWithLog (/x/node_modules/esbuild/lib/main.js:1477:15)',
    ].join('\n');
    expect(rootCauseLine(tsx)).toBe('src/main.ts:9:14 Expected ";" but found "consumer"');
    expect(rootCauseLine('[ERROR] /s/src/main/java/Main.java:[64,34] cannot find symbol\n[INFO] BUILD FAILURE')).toBe(
      'src/main/java/Main.java:64:34 cannot find symbol',
    );
  });
});

describe('explainingLogLine', () => {
  it("Spring's resolved exception behind a 400 whose body leaves the reason out", () => {
    const log = [
      "2026-11-30T10:20:01.100Z  INFO 4242 --- [nio-8080-exec-1] o.a.c.c.C.[Tomcat].[localhost].[/]       : Initializing Spring DispatcherServlet 'dispatcherServlet'",
      "2026-11-30T10:20:01.180Z  WARN 4242 --- [nio-8080-exec-1] .w.s.m.s.DefaultHandlerExceptionResolver : Resolved [org.springframework.web.bind.MissingServletRequestParameterException: Required request parameter 'message' for method parameter type String is not present]",
    ].join('\n');
    expect(explainingLogLine(log)).toBe(
      "org.springframework.web.bind.MissingServletRequestParameterException: Required request parameter 'message' for method parameter type String is not present",
    );
  });
  it('the root cause of a stack trace behind a 500', () => {
    const log = `2026-11-30T10:20:02.001Z ERROR 4242 --- [nio-8080-exec-2] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() for servlet [dispatcherServlet] threw exception
java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.TimeoutException: Topic notifications not present in metadata after 60000 ms.
	at java.base/java.util.concurrent.CompletableFuture.reportGet(CompletableFuture.java:396)
Caused by: org.apache.kafka.common.errors.TimeoutException: Topic notifications not present in metadata after 60000 ms.
`;
    expect(explainingLogLine(log)).toBe(
      'Caused by: org.apache.kafka.common.errors.TimeoutException: Topic notifications not present in metadata after 60000 ms.',
    );
  });
  it('a WARN line without an exception, and nothing when the log says nothing', () => {
    expect(explainingLogLine('[2026-11-30 10:20:03] WARN rejected notification: userId missing\n')).toBe(
      '[2026-11-30 10:20:03] WARN rejected notification: userId missing',
    );
    expect(explainingLogLine('POST /notifications/sync 400 3ms\n')).toBeUndefined();
    expect(explainingLogLine('')).toBeUndefined();
  });
});
