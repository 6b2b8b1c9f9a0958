package dev.mqttbridge.test.proxy;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mqttbridge.test.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultProxyIT {

  /** Generous: the machine is shared and small. */
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** How long "nothing arrives" is watched; a lower bound on silence only. */
  private static final int SILENCE_MILLIS = 300;

  private EchoServer echo;
  private FaultProxy proxy;
  private final List<Socket> clients = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    echo = new EchoServer();
    proxy = FaultProxy.start(echo.port());
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket client : clients) {
      client.close();
    }
    proxy.close();
    echo.close();
  }

  @Test
  void passThrough_echoesEveryByteInOrderAndCountsThem() throws Exception {
    Socket client = connect();
    byte[] sent = randomBytes(256 * 1024);

    CompletableFuture<Void> writing = writeInBackground(client, sent);
    byte[] received = readExactly(client, sent.length);
    writing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

    assertThat(received).isEqualTo(sent);
    assertThat(proxy.bytesToTarget()).isEqualTo(sent.length);
    assertThat(proxy.bytesToClient()).isEqualTo(sent.length);
    assertThat(proxy.connectionCount()).isEqualTo(1);
    assertThat(proxy.uri()).isEqualTo("tcp://127.0.0.1:" + proxy.port());

    client.close();
    await().atMost(TIMEOUT).until(() -> proxy.connectionCount() == 0 && echo.endedConnections() == 1);
  }

  @Test
  void cutAll_dropsLiveConnectionsOnBothSides_andNewConnectionsStillWork() throws Exception {
    Socket first = connect();
    Socket second = connect();
    assertEchoes(first, "before cut");
    assertEchoes(second, "before cut");

    proxy.cutAll();

    assertConnectionEnds(first);
    assertConnectionEnds(second);
    await().atMost(TIMEOUT).until(() -> echo.endedConnections() == 2);
    assertThat(proxy.connectionCount()).isZero();
    assertEchoes(connect(), "after cut");
  }

  @Test
  void refuseNew_closesNewConnectionsWhileExistingOnesKeepWorking() throws Exception {
    Socket existing = connect();
    assertEchoes(existing, "established");

    proxy.refuseNew(true);

    assertConnectionEnds(connect());
    assertEchoes(existing, "still served");
    assertThat(proxy.acceptedCount()).isEqualTo(2);
    assertThat(proxy.connectionCount()).isEqualTo(1);

    proxy.refuseNew(false);
    assertEchoes(connect(), "accepted again");
  }

  @Test
  void stall_holdsBytesInBothDirectionsWithoutClosing_thenDeliversThemInOrder() throws Exception {
    Socket client = connect();
    assertEchoes(client, "warm up");
    long forwardedBefore = proxy.bytesToTarget();

    proxy.stall(true);
    client.getOutputStream().write("held-1 ".getBytes(US_ASCII));
    client.getOutputStream().write("held-2".getBytes(US_ASCII));
    echo.push("pushed by the server ".getBytes(US_ASCII));

    assertNothingArrives(client);
    assertThat(proxy.bytesToTarget()).isEqualTo(forwardedBefore);
    assertThat(proxy.connectionCount()).isEqualTo(1);

    proxy.stall(false);

    String expected = "pushed by the server held-1 held-2";
    assertThat(new String(readExactly(client, expected.length()), US_ASCII)).isEqualTo(expected);
  }

  @Test
  void stall_withMoreDataThanTheBuffersHold_losesNothing() throws Exception {
    Socket client = connect();
    byte[] sent = randomBytes(4 * 1024 * 1024);

    proxy.stall(true);
    // The writer blocks once the proxy stops reading and the kernel buffers are full; that is the point.
    CompletableFuture<Void> writing = writeInBackground(client, sent);
    assertNothingArrives(client);
    proxy.stall(false);

    byte[] received = readExactly(client, sent.length);
    writing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(received).isEqualTo(sent);
  }

  @Test
  void delay_makesEachRoundTripTakeAtLeastTwiceTheLatency() throws Exception {
    Socket client = connect();
    assertEchoes(client, "fast");

    proxy.delay(Duration.ofMillis(200));
    long start = System.nanoTime();
    assertEchoes(client, "slow");
    Duration roundTrip = Duration.ofNanos(System.nanoTime() - start);

    // 200 ms to the echo server and 200 ms back; only a lower bound, never an upper one.
    assertThat(roundTrip).isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void delay_keepsOrderWhenTurnedOffWhileBytesAreHeld() throws Exception {
    Socket client = connect();
    OutputStream out = client.getOutputStream();
    StringBuilder expected = new StringBuilder();

    proxy.delay(Duration.ofMillis(300));
    for (int i = 0; i < 20; i++) {
      String chunk = "slow-" + i + ";";
      out.write(chunk.getBytes(US_ASCII));
      out.flush();
      expected.append(chunk);
    }
    proxy.delay(Duration.ZERO);
    for (int i = 0; i < 20; i++) {
      String chunk = "fast-" + i + ";";
      out.write(chunk.getBytes(US_ASCII));
      expected.append(chunk);
    }

    assertThat(new String(readExactly(client, expected.length()), US_ASCII)).isEqualTo(expected.toString());
  }

  @Test
  void passThrough_endsEveryFault() throws Exception {
    Socket client = connect();
    proxy.stall(true);
    // An hour: if passThrough() left the delay on, the echo below would hit the read timeout.
    proxy.delay(Duration.ofHours(1));
    proxy.refuseNew(true);

    proxy.passThrough();

    assertEchoes(client, "normal again");
    assertEchoes(connect(), "new ones too");
  }

  @Test
  void unreachableTarget_closesTheClientConnection() throws Exception {
    int closedPort = Ports.freePort();
    try (FaultProxy toNowhere = FaultProxy.start(closedPort)) {
      Socket client = track(new Socket());
      client.connect(new InetSocketAddress(Ports.LOOPBACK, toNowhere.port()), (int) TIMEOUT.toMillis());
      client.setSoTimeout((int) TIMEOUT.toMillis());

      assertConnectionEnds(client);
    }
  }

  @Test
  void close_endsConnectionsAndStopsListening() throws Exception {
    Socket client = connect();
    assertEchoes(client, "open");
    int port = proxy.port();

    proxy.close();
    proxy.close();

    assertConnectionEnds(client);
    assertThat(Ports.isListening(port)).isFalse();
  }

  private Socket connect() throws IOException {
    Socket socket = track(new Socket());
    socket.connect(new InetSocketAddress(Ports.LOOPBACK, proxy.port()), (int) TIMEOUT.toMillis());
    socket.setSoTimeout((int) TIMEOUT.toMillis());
    socket.setTcpNoDelay(true);
    return socket;
  }

  private Socket track(Socket socket) {
    clients.add(socket);
    return socket;
  }

  private static void assertEchoes(Socket client, String text) throws IOException {
    client.getOutputStream().write(text.getBytes(US_ASCII));
    assertThat(new String(readExactly(client, text.length()), US_ASCII)).isEqualTo(text);
  }

  /** The peer went away: end of stream, or a reset. A read timeout would fail the test. */
  private static void assertConnectionEnds(Socket client) {
    assertThatThrownBy(() -> {
      if (client.getInputStream().read() == -1) {
        throw new IOException("end of stream");
      }
    }).isInstanceOf(IOException.class).isNotInstanceOf(SocketTimeoutException.class);
  }

  private static void assertNothingArrives(Socket client) throws IOException {
    int timeout = client.getSoTimeout();
    client.setSoTimeout(SILENCE_MILLIS);
    try {
      assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
    } finally {
      client.setSoTimeout(timeout);
    }
  }

  private static byte[] readExactly(Socket client, int length) throws IOException {
    InputStream in = client.getInputStream();
    byte[] bytes = in.readNBytes(length);
    assertThat(bytes).as("bytes before end of stream").hasSize(length);
    return bytes;
  }

  private static CompletableFuture<Void> writeInBackground(Socket client, byte[] bytes) {
    return CompletableFuture.runAsync(() -> {
      try {
        OutputStream out = client.getOutputStream();
        for (int offset = 0; offset < bytes.length; offset += 8192) {
          out.write(bytes, offset, Math.min(8192, bytes.length - offset));
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }
}
