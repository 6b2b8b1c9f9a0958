package dev.mqttbridge.benchmarks.topic;

import dev.mqttbridge.mqtt.internal.topic.SubscriptionTree;
import dev.mqttbridge.mqtt.topic.TopicFilter;
import dev.mqttbridge.mqtt.topic.TopicName;
import io.moquette.broker.subscriptions.CTrieSubscriptionDirectory;
import io.moquette.broker.subscriptions.Subscription;
import io.moquette.broker.subscriptions.Topic;
import io.moquette.persistence.MemorySubscriptionsRepository;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Matching one PUBLISH topic against a populated subscription index: our {@link SubscriptionTree}
 * against Moquette's CTrie ({@link CTrieSubscriptionDirectory}), same subscriptions, same topics,
 * same run. The index is built once per trial; each operation matches the next topic of a fixed
 * cycle.
 *
 * <ul>
 *   <li>{@code *Match}: the topic is already parsed (our {@link TopicName}, Moquette's {@link
 *       Topic}), and the result is a list of matching subscribers, as both APIs offer it.
 *   <li>{@code ourTreeVisit}: our allocation-free path, a visitor instead of a list.
 *   <li>{@code *ParseAndMatch}: parse the topic text first, as a broker does per PUBLISH.
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TopicMatching -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class TopicMatchingBenchmark {

  private static final int TOPIC_CYCLE = 4096; // a power of two, for the cursor mask
  private static final long SEED = 20_240_601L;

  @Param({"100000"})
  int subscriptions;

  private SubscriptionTree<String> ourTree;
  private CTrieSubscriptionDirectory moquette;
  private String[] topicTexts;
  private TopicName[] ourTopics;
  private Topic[] moquetteTopics;
  private int cursor;

  /** Counts what it visits; the count is returned so the JIT cannot drop the walk. */
  private final CountingVisitor visitor = new CountingVisitor();

  @Setup
  public void populate() {
    PlantSubscriptions mix = PlantSubscriptions.generate(subscriptions, TOPIC_CYCLE, SEED);
    ourTree = new SubscriptionTree<>();
    moquette = new CTrieSubscriptionDirectory();
    moquette.init(new MemorySubscriptionsRepository());
    List<String> filters = mix.filters();
    for (int i = 0; i < filters.size(); i++) {
      String client = "client-" + i;
      ourTree.add(TopicFilter.of(filters.get(i)), client);
      moquette.add(new Subscription(client, Topic.asTopic(filters.get(i)), MqttQoS.AT_MOST_ONCE));
    }
    topicTexts = mix.topics().toArray(String[]::new);
    ourTopics = new TopicName[TOPIC_CYCLE];
    moquetteTopics = new Topic[TOPIC_CYCLE];
    for (int i = 0; i < TOPIC_CYCLE; i++) {
      ourTopics[i] = TopicName.of(topicTexts[i]);
      moquetteTopics[i] = Topic.asTopic(topicTexts[i]);
    }
    checkBothTreesAgree();
  }

  /** A benchmark of two trees that disagree would measure nothing useful: refuse to run. */
  private void checkBothTreesAgree() {
    long total = 0;
    for (int i = 0; i < TOPIC_CYCLE; i++) {
      int ours = ourTree.matchAll(ourTopics[i]).size();
      int theirs = moquette.matchWithoutQosSharpening(moquetteTopics[i]).size();
      if (ours != theirs) {
        throw new IllegalStateException(
            "Trees disagree on " + topicTexts[i] + ": ours " + ours + ", Moquette " + theirs);
      }
      total += ours;
    }
    if (total == 0) {
      throw new IllegalStateException("No topic matched anything: the mix is broken");
    }
  }

  private int next() {
    cursor = (cursor + 1) & (TOPIC_CYCLE - 1);
    return cursor;
  }

  @Benchmark
  public List<String> ourTreeMatch() {
    return ourTree.matchAll(ourTopics[next()]);
  }

  @Benchmark
  public long ourTreeVisit() {
    ourTree.match(ourTopics[next()], visitor);
    return visitor.count;
  }

  @Benchmark
  public List<Subscription> moquetteMatch() {
    return moquette.matchWithoutQosSharpening(moquetteTopics[next()]);
  }

  @Benchmark
  public List<String> ourTreeParseAndMatch() {
    return ourTree.matchAll(TopicName.of(topicTexts[next()]));
  }

  @Benchmark
  public List<Subscription> moquetteParseAndMatch() {
    return moquette.matchWithoutQosSharpening(Topic.asTopic(topicTexts[next()]));
  }

  private static final class CountingVisitor implements Consumer<String> {
    long count;

    @Override
    public void accept(String subscriber) {
      count++;
    }
  }
}
