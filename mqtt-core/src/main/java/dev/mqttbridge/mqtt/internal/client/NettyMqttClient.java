package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttClientClosedException;
import dev.mqttbridge.mqtt.client.MqttClientMetrics;
import dev.mqttbridge.mqtt.client.MqttClientOptions;
import dev.mqttbridge.mqtt.client.MqttConnectException;
import dev.mqttbridge.mqtt.client.MqttConnectResult;
import dev.mqttbridge.mqtt.client.MqttConnectionLostException;
import dev.mqttbridge.mqtt.client.MqttEnhancedAuthenticator;
import dev.mqttbridge.mqtt.client.MqttMessageHandler;
import dev.mqttbridge.mqtt.client.MqttPublishResult;
import dev.mqttbridge.mqtt.client.MqttQueueFullException;
import dev.mqttbridge.mqtt.client.MqttSubscribeResult;
import dev.mqttbridge.mqtt.client.MqttUnsubscribeResult;
import dev.mqttbridge.mqtt.client.MqttWaitingPublish;
import dev.mqttbridge.mqtt.internal.io.IoTransport;
import dev.mqttbridge.mqtt.internal.packet.ConnectPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnectProperties;
import dev.mqttbridge.mqtt.internal.packet.DisconnectPacket;
import dev.mqttbridge.mqtt.internal.packet.WillMessage;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client: owns one event loop thread on which all protocol state lives, the session-scoped
 * handlers that it adds to each connection's pipeline, and the reconnect schedule. Public methods
 * hand their work to the event loop; results come back on the callback executor.
 */
public final class NettyMqttClient implements MqttClient, ConnectionListener {

  private static final Logger LOG = LoggerFactory.getLogger(NettyMqttClient.class);
  /** How long a graceful disconnect waits for the server to close after our DISCONNECT. */
  private static final Duration DISCONNECT_LINGER = Duration.ofSeconds(2);

  private enum State { IDLE, CONNECTING, CONNECTED, WAITING_TO_RECONNECT, DISCONNECTING, CLOSED }

  private final MqttClientOptions options;
  private final MqttVersion version;
  private final IoTransport io;
  private final EventLoopGroup group;
  private final EventLoop eventLoop;
  /** Runs handlers when the application gave no executor; null otherwise. */
  private final ExecutorService ownedHandlerExecutor;
  /** Completes futures and tells the connection listener. */
  private final ExecutorService completionExecutor;
  private final Callbacks callbacks;
  private final ClientCounters counters = new ClientCounters();
  private final ReconnectBackoff backoff;
  private final Transports transports;

  // Session-scoped handlers, re-added to every connection's pipeline.
  private final IncomingQosHandler incomingQos;
  private final SubscribeHandler subscribes;
  private final OutgoingQosHandler outgoingQos;
  /** Publishes handed over by {@link #submit}, not yet taken over by the event loop. */
  // Not a single-consumer queue: when the loop is gone, the closing caller drains it as well.
  private final Queue<OutgoingFlow> submitted = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean takeOverScheduled = new AtomicBoolean();

  // Event loop only.
  private State state = State.IDLE;
  private Channel channel;
  private CompletableFuture<MqttConnectResult> connectFuture;
  private CompletableFuture<Void> disconnectFuture;
  private ScheduledFuture<?> reconnectTimer;
  private boolean everConnected;
  private int reconnectAttempt;
  private final ServerRotation servers;
  /** Servers the application's connect() may still try before it fails. */
  private int connectAttemptsLeft;

  // Read from any thread.
  private volatile boolean connected;
  private volatile String clientId;

  public NettyMqttClient(MqttClientOptions options) {
    this.options = options;
    this.version = options.version();
    this.transports = new Transports(options);
    this.servers = new ServerRotation(options.serverUris(), options.serverSelection(), new Random());
    this.clientId = options.clientId();
    this.io = IoTransport.select();
    this.group = new MultiThreadIoEventLoopGroup(1,
        new DefaultThreadFactory("mqtt-client", true), io.handlers());
    this.eventLoop = group.next();
    this.completionExecutor = Executors.newSingleThreadExecutor(
        new DefaultThreadFactory("mqtt-client-completions", true));
    if (options.callbackExecutor().isPresent()) {
      this.ownedHandlerExecutor = null;
      this.callbacks = new Callbacks(options.callbackExecutor().get(),
          new BatchingExecutor(completionExecutor));
    } else {
      this.ownedHandlerExecutor = Executors.newSingleThreadExecutor(
          new DefaultThreadFactory("mqtt-client-callbacks", true));
      this.callbacks = new Callbacks(new BatchingExecutor(ownedHandlerExecutor),
          new BatchingExecutor(completionExecutor));
    }
    this.backoff = new ReconnectBackoff(options.reconnectPolicy(),
        () -> ThreadLocalRandom.current().nextDouble());
    PacketIdAllocator packetIds = new PacketIdAllocator();
    MessageRouter router = new MessageRouter(options.defaultHandler().orElse(null));
    boolean mqtt5 = version.isMqtt5();
    this.incomingQos = new IncomingQosHandler(mqtt5, options.receiveMaximum(),
        options.maximumQueuedQos0Messages(), options.manualAcknowledgement(), router, callbacks,
        counters, eventLoop);
    this.subscribes = new SubscribeHandler(mqtt5, packetIds, router, callbacks);
    this.outgoingQos = new OutgoingQosHandler(mqtt5, options.inflightWindow(),
        options.maximumPendingPublishes(), options.sessionLostPolicy(), packetIds, callbacks, counters,
        new TopicAliasAssigner(options.assignTopicAliases()));
  }

  @Override
  public MqttClientOptions options() {
    return options;
  }

  @Override
  public CompletableFuture<MqttConnectResult> connect() {
    CompletableFuture<MqttConnectResult> future = new CompletableFuture<>();
    execute(() -> {
      switch (state) {
        case CLOSED -> callbacks.fail(future, new MqttClientClosedException("Client is closed"));
        case CONNECTED -> callbacks.fail(future, new IllegalStateException("Already connected"));
        case CONNECTING, DISCONNECTING -> callbacks.fail(future,
            new IllegalStateException("A connect or disconnect is in progress"));
        case WAITING_TO_RECONNECT -> {
          if (connectFuture != null) {
            // The first connect() is being retried (retryFirstConnect).
            callbacks.fail(future, new IllegalStateException("A connect is in progress"));
          } else {
            startConnect(future);
          }
        }
        default -> startConnect(future);
      }
    }, future);
    return future;
  }

  private void startConnect(CompletableFuture<MqttConnectResult> future) {
    cancelReconnectTimer();
    connectFuture = future;
    connectAttemptsLeft = options.serverUris().size();
    servers.restart();
    attempt();
  }

  private void attempt() {
    state = State.CONNECTING;
    URI uri = servers.next();
    MqttTransport transport = transports.forUri(uri);
    ConnectPacket connect = connectPacket();
    Bootstrap bootstrap = new Bootstrap()
        .group(eventLoop)
        .channel(io.socketChannel())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
            (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            transport.initChannel(ch, uri);
            ClientPipeline.consolidateFlushes(ch.pipeline());
            ch.pipeline().addLast(ByteCountingHandler.NAME, new ByteCountingHandler(counters));
            ClientPipeline.addCodec(ch.pipeline(), version, options.maximumPacketSize(),
                options.topicAliasMaximum());
            ch.pipeline()
                .addLast(PingHandler.NAME, new PingHandler(System::nanoTime));
            options.enhancedAuthenticator().ifPresent(authenticator -> ch.pipeline()
                .addLast(EnhancedAuthHandler.NAME, new EnhancedAuthHandler(authenticator, callbacks)));
            ch.pipeline()
                .addLast(ConnectHandler.NAME, new ConnectHandler(connect,
                    options.connectTimeout(), NettyMqttClient.this))
                .addLast(IncomingQosHandler.NAME, incomingQos)
                .addLast(SubscribeHandler.NAME, subscribes)
                .addLast(OutgoingQosHandler.NAME, outgoingQos);
          }
        });
    InetSocketAddress address = transport.remoteAddress(uri);
    LOG.debug("Connecting to {} as '{}'", uri, connect.clientId());
    bootstrap.connect(address.getHostString(), address.getPort()).addListener(
        (ChannelFutureListener) f -> {
          if (!f.isSuccess()) {
            attemptFailed(new MqttConnectException(
                "Cannot connect to " + uri + ": " + f.cause().getMessage(), null, f.cause()));
          } else if (state == State.CONNECTING) {
            channel = f.channel();
          } else {
            f.channel().close();
          }
        });
  }

  private ConnectPacket connectPacket() {
    // 5.0: the first connect honours clean start, reconnects try to resume the session. 3.x: clean
    // session also means the session ends with the connection, so it stays as configured.
    boolean cleanStart = version.isMqtt5() ? !everConnected && options.cleanStart()
        : options.cleanStart();
    ConnectProperties properties = !version.isMqtt5() ? ConnectProperties.DEFAULTS
        : new ConnectProperties(options.sessionExpiryInterval(), options.receiveMaximum(),
            options.maximumPacketSize(), options.topicAliasMaximum(),
            options.requestResponseInformation(), options.requestProblemInformation(),
            options.userProperties(),
            options.enhancedAuthenticator().map(MqttEnhancedAuthenticator::method).orElse(null),
            options.enhancedAuthenticator().map(MqttEnhancedAuthenticator::initialData).orElse(null));
    WillMessage will = options.will()
        .map(w -> new WillMessage(w.message(), version.isMqtt5() ? w.delayInterval() : 0))
        .orElse(null);
    return new ConnectPacket(version, clientId, cleanStart, options.keepAliveSeconds(),
        options.username().orElse(null), options.password(), will, properties);
  }

  @Override
  public void connected(Channel ch, ConnectionSettings settings) {
    if (state != State.CONNECTING) {
      ch.close();
      return;
    }
    channel = ch;
    state = State.CONNECTED;
    connected = true;
    clientId = settings.clientId();
    if (everConnected) {
      counters.reconnects.increment();
      LOG.info("Reconnected (session present: {})", settings.sessionPresent());
    }
    everConnected = true;
    reconnectAttempt = 0;
    // After this connection is lost, reconnecting starts a new round (the primary first, in order).
    servers.restart();
    var p = settings.connack().properties();
    MqttConnectResult result = new MqttConnectResult(MqttReasonCode.SUCCESS,
        settings.sessionPresent(), settings.clientId(), settings.serverReceiveMaximum(),
        settings.keepAliveSeconds(), settings.maximumQos(), settings.retainAvailable(),
        settings.serverTopicAliasMaximum(), p.userProperties(), p.responseInformation(),
        p.reasonString());
    if (connectFuture != null) {
      callbacks.complete(connectFuture, result);
      connectFuture = null;
    }
    options.connectionListener().ifPresent(l -> callbacks.notify(() -> l.connected(result)));
  }

  private void notifyDisconnected(Throwable cause) {
    options.connectionListener().ifPresent(l -> callbacks.notify(() -> l.disconnected(cause)));
  }

  @Override
  public void closed(Channel ch, Throwable cause, MqttReasonCode serverReason,
      boolean wasConnected) {
    if (channel != null && ch != channel) {
      return;
    }
    channel = null;
    connected = false;
    if (state == State.CLOSED) {
      if (wasConnected) {
        notifyDisconnected(null);
      }
      return;
    }
    if (state == State.DISCONNECTING) {
      if (wasConnected) {
        notifyDisconnected(null);
      }
      state = State.IDLE;
      if (disconnectFuture != null) {
        callbacks.complete(disconnectFuture, null);
        disconnectFuture = null;
      }
      return;
    }
    Throwable reason = cause != null ? cause
        : new MqttConnectException("Connection closed", null, null);
    if (wasConnected) {
      LOG.warn("Connection lost: {}", cause == null ? "closed" : cause.getMessage());
      notifyDisconnected(reason);
      if (!options.reconnectPolicy().enabled()) {
        // No connection will carry these requests again; with reconnect they wait for it.
        subscribes.failAll(new MqttConnectionLostException("Connection lost before the server"
            + " answered, and reconnect is off: " + reason.getMessage(), reason));
      }
    }
    attemptFailed(reason, serverReason);
  }

  private void attemptFailed(Throwable cause) {
    attemptFailed(cause, null);
  }

  private void attemptFailed(Throwable cause, MqttReasonCode serverReason) {
    if (state == State.CLOSED || state == State.DISCONNECTING || state == State.IDLE) {
      return;
    }
    if (connectFuture != null && --connectAttemptsLeft > 0) {
      // The application's connect() tries each server once, in order.
      LOG.info("Cannot connect ({}); trying the next server", cause.getMessage());
      attempt();
      return;
    }
    boolean retryConnect = connectFuture != null && !everConnected
        && options.retryFirstConnect() && !refusedByServer(cause);
    if (connectFuture != null && !retryConnect) {
      // The application's own connect() reports its failure. The first connect is not retried
      // unless retryFirstConnect says so; after a lost connection the reconnect schedule goes on.
      callbacks.fail(connectFuture, cause);
      connectFuture = null;
    }
    if (!options.reconnectPolicy().enabled() || !everConnected && !retryConnect) {
      state = State.IDLE;
      return;
    }
    long delay = serverReason == MqttReasonCode.SESSION_TAKEN_OVER
        ? backoff.sessionTakenOverDelayMillis() : backoff.delayMillis(reconnectAttempt);
    reconnectAttempt++;
    LOG.info("Reconnecting in {} ms{}", delay, serverReason == MqttReasonCode.SESSION_TAKEN_OVER
        ? " (another connection took the session over)" : "");
    int attemptNumber = reconnectAttempt;
    options.connectionListener().ifPresent(l -> callbacks.notify(
        () -> l.reconnecting(attemptNumber, java.time.Duration.ofMillis(delay), cause)));
    state = State.WAITING_TO_RECONNECT;
    reconnectTimer = eventLoop.schedule(() -> {
      reconnectTimer = null;
      if (state == State.WAITING_TO_RECONNECT) {
        if (connectFuture != null) {
          // A retried first connect: each round tries every server once more.
          connectAttemptsLeft = options.serverUris().size();
        }
        attempt();
      }
    }, delay, TimeUnit.MILLISECONDS);
  }

  /** A CONNACK refusal: the server answered and said no, which retrying does not change. */
  private static boolean refusedByServer(Throwable cause) {
    return cause instanceof MqttConnectException refused && refused.reasonCode().isPresent();
  }

  private void cancelReconnectTimer() {
    if (reconnectTimer != null) {
      reconnectTimer.cancel(false);
      reconnectTimer = null;
    }
  }

  @Override
  public CompletableFuture<MqttPublishResult> publish(MqttMessage message) {
    CompletableFuture<MqttPublishResult> future = new CompletableFuture<>();
    // Inflight first, then pending: the event loop moves a flow by lowering pending and then
    // raising inflight, so in this order a flow on its way is never counted twice (read the other
    // way round, a call racing that move saw the queue full one message early).
    int inflightNow = counters.inflight.get();
    if (counters.pending.incrementAndGet() > options.maximumPendingPublishes()
        + Math.max(0, options.inflightWindow() - inflightNow)) {
      counters.pending.decrementAndGet();
      future.completeExceptionally(new MqttQueueFullException("Inflight window and the queue of "
          + options.maximumPendingPublishes() + " pending publishes are full"));
      return future;
    }
    submit(new OutgoingFlow(message, future));
    return future;
  }

  /**
   * Any thread: hands a publish to the event loop. Publishes queue in call order and one event loop
   * task takes over all that arrived meanwhile, so a burst costs one wake-up and one flush.
   */
  private void submit(OutgoingFlow flow) {
    submitted.add(flow);
    if (!takeOverScheduled.compareAndSet(false, true)) {
      return;
    }
    try {
      eventLoop.execute(this::takeOverPublishes);
    } catch (RejectedExecutionException e) {
      // The loop is gone (client closed): whatever is queued fails here.
      takeOverPublishes();
    }
  }

  /** Event loop (or the closing thread once the loop is gone): queues the submitted publishes. */
  private void takeOverPublishes() {
    takeOverScheduled.set(false);
    if (state == State.CLOSED || group.isShutdown()) {
      MqttClientClosedException closed = new MqttClientClosedException("Client is closed");
      for (OutgoingFlow flow; (flow = submitted.poll()) != null; ) {
        (flow.entered == null ? counters.pending : counters.waiting).decrementAndGet();
        if (flow.entered != null) {
          callbacks.fail(flow.entered, closed);
        }
        callbacks.fail(flow.future, closed);
      }
      return;
    }
    outgoingQos.takeOver(submitted);
  }

  @Override
  public MqttWaitingPublish publishWhenRoom(MqttMessage message) {
    MqttWaitingPublish waiting = new MqttWaitingPublish(new CompletableFuture<>(),
        new CompletableFuture<>());
    if (counters.waiting.incrementAndGet() > options.maximumWaitingPublishes()) {
      counters.waiting.decrementAndGet();
      MqttQueueFullException full = new MqttQueueFullException("The queue of "
          + options.maximumWaitingPublishes() + " publishes waiting for room is full");
      waiting.inflight().completeExceptionally(full);
      waiting.result().completeExceptionally(full);
      return waiting;
    }
    submit(new OutgoingFlow(message, waiting.result(), waiting.inflight()));
    return waiting;
  }

  @Override
  public CompletableFuture<MqttSubscribeResult> subscribe(
      List<MqttSubscription> subscriptions, List<MqttUserProperty> userProperties,
      MqttMessageHandler handler) {
    if (subscriptions.isEmpty()) {
      throw new IllegalArgumentException("Nothing to subscribe");
    }
    if (!userProperties.isEmpty() && !version.isMqtt5()) {
      throw new IllegalArgumentException("SUBSCRIBE user properties need MQTT 5, not " + version);
    }
    List<MqttSubscription> copy = List.copyOf(subscriptions);
    List<MqttUserProperty> properties = List.copyOf(userProperties);
    CompletableFuture<MqttSubscribeResult> future = new CompletableFuture<>();
    execute(() -> {
      if (state == State.CLOSED) {
        callbacks.fail(future, new MqttClientClosedException("Client is closed"));
      } else {
        subscribes.subscribe(copy, properties, handler, future);
      }
    }, future);
    return future;
  }

  @Override
  public CompletableFuture<MqttUnsubscribeResult> unsubscribe(List<String> topicFilters) {
    if (topicFilters.isEmpty()) {
      throw new IllegalArgumentException("Nothing to unsubscribe");
    }
    List<String> copy = List.copyOf(topicFilters);
    CompletableFuture<MqttUnsubscribeResult> future = new CompletableFuture<>();
    execute(() -> {
      if (state == State.CLOSED) {
        callbacks.fail(future, new MqttClientClosedException("Client is closed"));
      } else {
        subscribes.unsubscribe(copy, future);
      }
    }, future);
    return future;
  }

  @Override
  public CompletableFuture<Void> disconnect() {
    CompletableFuture<Void> future = new CompletableFuture<>();
    execute(() -> disconnectOnLoop(future), future);
    return future;
  }

  private void disconnectOnLoop(CompletableFuture<Void> future) {
    cancelReconnectTimer();
    if (connectFuture != null) {
      callbacks.fail(connectFuture, new MqttConnectException("Disconnected by the application",
          null, null));
      connectFuture = null;
    }
    if (channel == null || !channel.isActive()) {
      if (state != State.CLOSED) {
        state = State.IDLE;
      }
      channel = null;
      callbacks.complete(future, null);
      return;
    }
    state = State.DISCONNECTING;
    disconnectFuture = future;
    Channel ch = channel;
    if (connected) {
      ch.writeAndFlush(DisconnectPacket.NORMAL).addListener((ChannelFutureListener) f -> {
        if (f.isSuccess()) {
          GracefulClose.start(ch, DISCONNECT_LINGER);
        } else {
          ch.close();
        }
      });
    } else {
      ch.close();
    }
  }

  /** Runs on the event loop, failing the future if the loop is gone (client closed). */
  private void execute(Runnable task, CompletableFuture<?> future) {
    try {
      eventLoop.execute(task);
    } catch (RejectedExecutionException e) {
      future.completeExceptionally(new MqttClientClosedException("Client is closed"));
    }
  }

  @Override
  public CompletableFuture<Void> reauthenticate() {
    CompletableFuture<Void> future = new CompletableFuture<>();
    if (options.enhancedAuthenticator().isEmpty()) {
      future.completeExceptionally(new IllegalStateException("No enhanced authenticator configured"));
      return future;
    }
    execute(() -> {
      EnhancedAuthHandler handler = state == State.CONNECTED && channel != null
          ? channel.pipeline().get(EnhancedAuthHandler.class) : null;
      if (handler == null) {
        callbacks.fail(future, new IllegalStateException("Not connected"));
      } else {
        handler.reauthenticate(future);
      }
    }, future);
    return future;
  }

  @Override
  public boolean isConnected() {
    return connected;
  }

  @Override
  public String clientId() {
    return clientId;
  }

  /** The connection's channel type, or null when not connected: which socket transport (tests). */
  Class<? extends Channel> channelType() {
    CompletableFuture<Class<? extends Channel>> type = new CompletableFuture<>();
    eventLoop.execute(() -> type.complete(channel == null ? null : channel.getClass()));
    return type.join();
  }

  @Override
  public MqttClientMetrics metrics() {
    return counters.snapshot();
  }

  @Override
  public void close() {
    if (group.isShuttingDown()) {
      return;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      eventLoop.execute(() -> {
        boolean graceful = connected && channel != null && channel.isActive();
        CompletableFuture<Void> disconnected = new CompletableFuture<>();
        disconnectOnLoop(disconnected);
        state = State.CLOSED;
        MqttClientClosedException closed = new MqttClientClosedException("Client is closed");
        if (connectFuture != null) {
          callbacks.fail(connectFuture, closed);
          connectFuture = null;
        }
        outgoingQos.failAll(closed);
        subscribes.failAll(closed);
        Channel ch = channel;
        if (ch != null) {
          // After DISCONNECT the server closes, or the linger timer does (GracefulClose).
          (graceful ? ch.closeFuture() : ch.close()).addListener(f -> done.complete(null));
        } else {
          done.complete(null);
        }
      });
      done.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.debug("Close did not finish cleanly", e);
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    shutDown(ownedHandlerExecutor);
    shutDown(completionExecutor);
  }

  private static void shutDown(ExecutorService executor) {
    if (executor == null) {
      return;
    }
    executor.shutdown();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "NettyMqttClient{" + options.serverUris() + ", clientId=" + clientId + ", state="
        + (connected ? "connected" : "not connected") + "}";
  }
}
