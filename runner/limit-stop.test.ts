import { describe, expect, it } from 'vitest';
import { limitStopError } from './limit-stop.js';
import { repeatedException } from './root-cause.js';

// One round of a Spring Kafka listener that cannot read a record (Jackson, FAIL_ON_UNKNOWN_PROPERTIES), as its
// error handler logs it before seeking back to the same record: the flood is this, again and again.
const SPRING_KAFKA_ROUND = `2026-11-30T10:15:02.118Z ERROR 4242 --- [ntainer#0-0-C-1] o.s.kafka.listener.DefaultErrorHandler   : Backoff FixedBackOff{interval=0, currentAttempts=1, maxAttempts=9} exhausted for notifications-3@17
org.springframework.kafka.listener.ListenerExecutionFailedException: Listener method could not be invoked with the incoming message
Endpoint handler details:
Method [public void com.example.notifications.NotificationListener.onNotification(com.example.notifications.Notification)]
Bean [com.example.notifications.NotificationListener@5d3b58ca]
	at org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.decorateException(KafkaMessageListenerContainer.java:2996) ~[spring-kafka-3.1.4.jar!/:3.1.4]
	at org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.doInvokeOnMessage(KafkaMessageListenerContainer.java:2903) ~[spring-kafka-3.1.4.jar!/:3.1.4]
Caused by: org.springframework.messaging.converter.MessageConversionException: Cannot handle message
	at org.springframework.kafka.listener.adapter.MessagingMessageListenerAdapter.invokeHandler(MessagingMessageListenerAdapter.java:451) ~[spring-kafka-3.1.4.jar!/:3.1.4]
	... 15 common frames omitted
Caused by: org.springframework.messaging.converter.MessageConversionException: Could not read JSON: Unrecognized field "type" (class com.example.notifications.Notification), not marked as ignorable (2 known properties: "userId", "content"])
 at [Source: REDACTED (\`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION\` disabled); line: 1, column: 10] (through reference chain: com.example.notifications.Notification["type"])
	at org.springframework.messaging.converter.MappingJackson2MessageConverter.convertFromInternal(MappingJackson2MessageConverter.java:239) ~[spring-messaging-6.1.6.jar!/:6.1.6]
	... 17 common frames omitted
Caused by: com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException: Unrecognized field "type" (class com.example.notifications.Notification), not marked as ignorable (2 known properties: "userId", "content"])
 at [Source: REDACTED (\`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION\` disabled); line: 1, column: 10] (through reference chain: com.example.notifications.Notification["type"])
	at com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException.from(UnrecognizedPropertyException.java:61) ~[jackson-databind-2.15.4.jar!/:2.15.4]
	at com.fasterxml.jackson.databind.DeserializationContext.handleUnknownProperty(DeserializationContext.java:1138) ~[jackson-databind-2.15.4.jar!/:2.15.4]
	... 20 common frames omitted
`;

const STARTUP = `  .   ____          _            __ _ _
2026-11-30T10:15:00.512Z  INFO 4242 --- [           main] c.e.notifications.NotificationsApp       : Started NotificationsApp in 2.9 seconds (process running for 3.4)
2026-11-30T10:15:01.020Z  WARN 4242 --- [           main] o.a.k.clients.admin.AdminClientConfig    : These configurations '[spring.json.trusted.packages]' were supplied but are not used yet.
`;

const flood = (rounds: number) =>
  STARTUP +
  Array.from({ length: rounds }, (_, i) =>
    SPRING_KAFKA_ROUND.replace('@17', `@${17 + i}`).replace('currentAttempts=1', `currentAttempts=${i + 1}`),
  ).join('');

describe('repeatedException', () => {
  it('names the deepest cause a flood repeats, with how often', () => {
    expect(repeatedException(flood(46))).toEqual({
      line: 'com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException: Unrecognized field "type" (class com.example.notifications.Notification), not marked as ignorable (2 known properties: "userId", "content"])',
      count: 46,
    });
  });

  it('nothing below the threshold, nor in an output without exceptions', () => {
    expect(repeatedException(flood(2))).toBeUndefined();
    expect(repeatedException('consumed 1\nconsumed 2\n'.repeat(100))).toBeUndefined();
  });

  it('lines that differ only in numbers are one exception; Node errors count too', () => {
    const node = Array.from(
      { length: 5 },
      (_, i) =>
        `KafkaJSNumberOfRetriesExceeded\nError: read ECONNRESET at offset ${i}\n    at TCP.onStreamRead (node:internal/stream_base_commons:217:20)`,
    ).join('\n');
    expect(repeatedException(node)).toEqual({ line: 'Error: read ECONNRESET at offset 0', count: 5 });
    const spring =
      "WARN 1 --- [nio-8080-exec-3] .w.s.m.s.DefaultHandlerExceptionResolver : Resolved [org.springframework.web.bind.MissingServletRequestParameterException: Required request parameter 'message' for method parameter type String is not present]\n";
    expect(repeatedException(spring.repeat(7))?.line).toBe(
      "org.springframework.web.bind.MissingServletRequestParameterException: Required request parameter 'message' for method parameter type String is not present",
    );
  });
});

describe('limitStopError', () => {
  const kept = (text: string) => ({ stdoutText: () => text, stderrText: () => '' });

  it('a flood that repeats an exception is told the exception, not "log less"', () => {
    const e = limitStopError(
      'output',
      { fr: "l'application s'est arrêtée pendant l'évaluation", en: 'the application stopped during grading' },
      kept(flood(46)),
    );
    expect(e.kind).toBe('crash');
    expect(e.localized.en).toContain(
      'stopped for writing more than 32 MiB of output; its output repeats 46 times the exception "com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException: Unrecognized field "type"',
    );
    expect(e.localized.fr).toContain(
      "sa sortie répète 46 fois l'exception « com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException",
    );
    expect(e.hint.en).toMatch(/^This exception, repeated 46 times in the output kept, is what fills it: fix its cause/);
    expect(e.hint.en).not.toMatch(/^Log less/);
    expect(e.output?.split('\n')[0]).toMatch(
      /^com\.fasterxml\.jackson\.databind\.exc\.UnrecognizedPropertyException: /,
    );
  });

  it('a flood of plain lines, and other limits, keep the limit explanation', () => {
    expect(limitStopError('output', { fr: 'x', en: 'x' }, kept('consumed 1\n'.repeat(1000))).hint.en).toMatch(
      /^Log less/,
    );
    expect(limitStopError('memory', { fr: 'x', en: 'x' }, kept(flood(46))).localized.en).toContain('memory limit');
  });
});
