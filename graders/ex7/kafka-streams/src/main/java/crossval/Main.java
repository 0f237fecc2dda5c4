package crossval;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;

/**
 * The oracle's counterpart on the real engine: the topologies ksqlDB compiles the exercise's statements to,
 * written directly on Kafka Streams. Views (key user, value "page,duration", record timestamp = event time),
 * users (key user, value region). Outputs, every update without caching:
 * tumbling and hopping COUNT/SUM per page, sessions per user, and views LEFT JOIN users.
 * Windowed keys are written "key|start|end", aggregates "count,sum", a merged-away session as a tombstone.
 * Arguments: key=value pairs (see the names read below).
 */
public final class Main {
  public static void main(String[] args) throws InterruptedException {
    Map<String, String> a = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      a.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    StreamsBuilder b = new StreamsBuilder();
    KStream<String, String> views = b.stream(a.get("views"), Consumed.with(Serdes.String(), Serdes.String()));
    KTable<String, String> users = b.table(a.get("users"), Consumed.with(Serdes.String(), Serdes.String()));

    Duration size = Duration.ofMillis(Long.parseLong(a.get("tumbling.size")));
    Duration grace = Duration.ofMillis(Long.parseLong(a.get("tumbling.grace")));
    views
        .groupBy((user, v) -> v.split(",")[0], Grouped.with("by-page-tumbling", Serdes.String(), Serdes.String()))
        .windowedBy(TimeWindows.ofSizeAndGrace(size, grace))
        .aggregate(() -> "0,0", Main::add, Materialized.with(Serdes.String(), Serdes.String()))
        .toStream()
        .map((w, agg) -> KeyValue.pair(windowKey(w), agg))
        .to(a.get("out.tumbling"), Produced.with(Serdes.String(), Serdes.String()));

    Duration hSize = Duration.ofMillis(Long.parseLong(a.get("hopping.size")));
    Duration hAdvance = Duration.ofMillis(Long.parseLong(a.get("hopping.advance")));
    Duration hGrace = Duration.ofMillis(Long.parseLong(a.get("hopping.grace")));
    views
        .groupBy((user, v) -> v.split(",")[0], Grouped.with("by-page-hopping", Serdes.String(), Serdes.String()))
        .windowedBy(TimeWindows.ofSizeAndGrace(hSize, hGrace).advanceBy(hAdvance))
        .aggregate(() -> "0,0", Main::add, Materialized.with(Serdes.String(), Serdes.String()))
        .toStream()
        .map((w, agg) -> KeyValue.pair(windowKey(w), agg))
        .to(a.get("out.hopping"), Produced.with(Serdes.String(), Serdes.String()));

    Duration gap = Duration.ofMillis(Long.parseLong(a.get("session.gap")));
    Duration sGrace = Duration.ofMillis(Long.parseLong(a.get("session.grace")));
    views
        .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
        .windowedBy(SessionWindows.ofInactivityGapAndGrace(gap, sGrace))
        .aggregate(() -> "0,0", Main::add, (user, x, y) -> merge(x, y), Materialized.with(Serdes.String(), Serdes.String()))
        .toStream()
        .map((w, agg) -> KeyValue.pair(windowKey(w), agg))
        .to(a.get("out.sessions"), Produced.with(Serdes.String(), Serdes.String()));

    views
        .leftJoin(users, (v, region) -> v + "," + (region == null ? "null" : region))
        .to(a.get("out.join"), Produced.with(Serdes.String(), Serdes.String()));

    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, a.get("application.id"));
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, a.get("bootstrap"));
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    p.put(StreamsConfig.STATE_DIR_CONFIG, a.get("state.dir"));
    // Both join inputs are written before the app starts: wait for each to be fetched, then go by timestamp.
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 2000);
    p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    KafkaStreams streams = new KafkaStreams(b.build(), p);
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      streams.close(Duration.ofSeconds(5));
      done.countDown();
    }));
    streams.setStateListener((now, before) -> System.out.println("STATE " + now));
    streams.start();
    done.await();
  }

  private static String windowKey(Windowed<String> w) {
    return w.key() + "|" + w.window().start() + "|" + w.window().end();
  }

  private static String add(String key, String view, String agg) {
    String[] v = view.split(",");
    String[] c = agg.split(",");
    return (Long.parseLong(c[0]) + 1) + "," + (Long.parseLong(c[1]) + Long.parseLong(v[1]));
  }

  private static String merge(String x, String y) {
    String[] a = x.split(",");
    String[] b = y.split(",");
    return (Long.parseLong(a[0]) + Long.parseLong(b[0])) + "," + (Long.parseLong(a[1]) + Long.parseLong(b[1]));
  }
}
