package dev.mqttbridge.test.mosquitto;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a test wants from a {@link MosquittoBroker}, rendered into {@code mosquitto.conf}. Immutable; create
 * one with {@link #builder()}, {@link #defaults()} or {@link #durable()}.
 *
 * <p>Ports, paths and the log destination are not part of the value: the broker fills them in from its
 * own temporary directory and free ports. Options left unset are not written, so Mosquitto's defaults
 * apply (which lose messages in loss tests: see {@link Builder#durable()}).
 */
public final class MosquittoConfig {

  private final boolean allowAnonymous;
  private final boolean persistence;
  private final Integer autosaveInterval;
  private final Integer maxInflightMessages;
  private final Integer maxQueuedMessages;
  private final Integer maxPacketSize;
  private final Map<String, String> users;
  private final List<String> aclLines;
  private final MosquittoTlsListener tls;
  private final boolean logEverything;
  private final List<String> extraLines;

  private MosquittoConfig(Builder builder) {
    this.allowAnonymous = builder.allowAnonymous;
    this.persistence = builder.persistence;
    this.autosaveInterval = builder.autosaveInterval;
    this.maxInflightMessages = builder.maxInflightMessages;
    this.maxQueuedMessages = builder.maxQueuedMessages;
    this.maxPacketSize = builder.maxPacketSize;
    this.users = Collections.unmodifiableMap(new LinkedHashMap<>(builder.users));
    this.aclLines = List.copyOf(builder.aclLines);
    this.tls = builder.tls;
    this.logEverything = builder.logEverything;
    this.extraLines = List.copyOf(builder.extraLines);
  }

  /** Starts from Mosquitto's defaults plus {@code allow_anonymous true}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Anonymous access, no persistence, otherwise Mosquitto's defaults. */
  public static MosquittoConfig defaults() {
    return builder().build();
  }

  /** The durable profile for loss and restart tests, see {@link Builder#durable()}. */
  public static MosquittoConfig durable() {
    return builder().durable().build();
  }

  /** A builder holding this value's settings. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.allowAnonymous = allowAnonymous;
    builder.persistence = persistence;
    builder.autosaveInterval = autosaveInterval;
    builder.maxInflightMessages = maxInflightMessages;
    builder.maxQueuedMessages = maxQueuedMessages;
    builder.maxPacketSize = maxPacketSize;
    builder.users.putAll(users);
    builder.aclLines.addAll(aclLines);
    builder.tls = tls;
    builder.logEverything = logEverything;
    builder.extraLines.addAll(extraLines);
    return builder;
  }

  /** {@code allow_anonymous}: whether clients without user name may connect. */
  public boolean allowAnonymous() {
    return allowAnonymous;
  }

  /** {@code persistence}: whether Mosquitto saves its state to the instance's data directory. */
  public boolean persistence() {
    return persistence;
  }

  /** {@code autosave_interval} in seconds, if set. */
  public OptionalInt autosaveInterval() {
    return optional(autosaveInterval);
  }

  /** {@code max_inflight_messages}, if set (0 means no limit). */
  public OptionalInt maxInflightMessages() {
    return optional(maxInflightMessages);
  }

  /** {@code max_queued_messages}, if set (0 means no limit). */
  public OptionalInt maxQueuedMessages() {
    return optional(maxQueuedMessages);
  }

  /** {@code max_packet_size} in bytes, if set. */
  public OptionalInt maxPacketSize() {
    return optional(maxPacketSize);
  }

  /** User name to password, in the order added; written to a password file when not empty. */
  public Map<String, String> users() {
    return users;
  }

  /** Lines of the ACL file, e.g. {@code "topic readwrite #"}; no ACL file when empty. */
  public List<String> aclLines() {
    return aclLines;
  }

  /** The TLS listener, if any. */
  public Optional<MosquittoTlsListener> tls() {
    return Optional.ofNullable(tls);
  }

  /** Whether {@code log_type all} is on (otherwise errors, warnings, notices and information only). */
  public boolean logEverything() {
    return logEverything;
  }

  /** Lines written verbatim after the plain listener (so listener options in them apply to it). */
  public List<String> extraLines() {
    return extraLines;
  }

  /**
   * Renders {@code mosquitto.conf}.
   *
   * @param files where this instance keeps its files
   * @param port the plain listener's port
   * @param tlsPort the TLS listener's port; ignored without {@link #tls()}
   * @param runAsRoot whether the broker is started as root: it then stays root instead of dropping to
   *     user {@code mosquitto}, who could not read our 0700 temporary directory
   */
  String render(InstanceFiles files, int port, int tlsPort, boolean runAsRoot) {
    List<String> lines = new ArrayList<>();
    lines.add("# Generated by " + MosquittoBroker.class.getName() + " for one test; do not edit.");
    if (runAsRoot) {
      lines.add("user root");
    }
    lines.add("log_dest file " + files.logFile());
    if (logEverything) {
      lines.add("log_type all");
    } else {
      lines.addAll(List.of("log_type error", "log_type warning", "log_type notice", "log_type information"));
    }
    lines.add("connection_messages true");
    lines.add("log_timestamp_format %Y-%m-%dT%H:%M:%S");

    lines.add("persistence " + persistence);
    if (persistence) {
      // Mosquitto appends the file name to this string as it is, hence the trailing slash.
      lines.add("persistence_location " + files.dataDirectory() + "/");
    }
    addIfSet(lines, "autosave_interval", autosaveInterval);
    addIfSet(lines, "max_inflight_messages", maxInflightMessages);
    addIfSet(lines, "max_queued_messages", maxQueuedMessages);
    addIfSet(lines, "max_packet_size", maxPacketSize);

    lines.add("allow_anonymous " + allowAnonymous);
    if (!users.isEmpty()) {
      lines.add("password_file " + files.passwordFile());
    }
    if (!aclLines.isEmpty()) {
      lines.add("acl_file " + files.aclFile());
    }

    lines.add("listener " + port + " 127.0.0.1");
    lines.addAll(extraLines);

    if (tls != null) {
      lines.add("listener " + tlsPort + " 127.0.0.1");
      lines.add("cafile " + tls.caFile().toAbsolutePath());
      lines.add("certfile " + tls.certFile().toAbsolutePath());
      lines.add("keyfile " + tls.keyFile().toAbsolutePath());
      lines.add("require_certificate " + tls.requireCertificate());
      tls.tlsVersionIfSet().ifPresent(version -> lines.add("tls_version " + version));
    }
    return String.join("\n", lines) + "\n";
  }

  /** The ACL file's content. */
  String renderAcl() {
    return String.join("\n", aclLines) + "\n";
  }

  @Override
  public String toString() {
    return "MosquittoConfig{allowAnonymous=" + allowAnonymous + ", persistence=" + persistence
        + ", autosaveInterval=" + autosaveInterval + ", maxInflightMessages=" + maxInflightMessages
        + ", maxQueuedMessages=" + maxQueuedMessages + ", maxPacketSize=" + maxPacketSize
        + ", users=" + users.keySet() + ", aclLines=" + aclLines + ", tls=" + tls
        + ", logEverything=" + logEverything + ", extraLines=" + extraLines + "}";
  }

  static String requireSingleLine(String value) {
    Objects.requireNonNull(value);
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("a config value must be one line: " + value);
    }
    return value;
  }

  private static void addIfSet(List<String> lines, String option, Integer value) {
    if (value != null) {
      lines.add(option + " " + value);
    }
  }

  private static OptionalInt optional(Integer value) {
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }

  /** Collects the settings of a {@link MosquittoConfig}. Not thread-safe; each setter returns {@code this}. */
  public static final class Builder {

    private boolean allowAnonymous = true;
    private boolean persistence;
    private Integer autosaveInterval;
    private Integer maxInflightMessages;
    private Integer maxQueuedMessages;
    private Integer maxPacketSize;
    private final Map<String, String> users = new LinkedHashMap<>();
    private final List<String> aclLines = new ArrayList<>();
    private MosquittoTlsListener tls;
    private boolean logEverything;
    private final List<String> extraLines = new ArrayList<>();

    private Builder() {
    }

    /**
     * The durable profile for loss and restart tests: {@code persistence true} in the instance's data
     * directory, {@code autosave_interval 1}, {@code max_queued_messages 0} and
     * {@code max_inflight_messages 0} (both unlimited). Call {@link #maxInflightMessages(int)} afterwards
     * when the test means a window. Restart such a broker with {@link MosquittoBroker#stop()} (SIGTERM, it
     * saves on exit); {@link MosquittoBroker#kill()} loses what arrived since the last autosave.
     */
    public Builder durable() {
      return persistence(true).autosaveInterval(1).maxQueuedMessages(0).maxInflightMessages(0);
    }

    /** {@code allow_anonymous}, {@code true} unless set. */
    public Builder allowAnonymous(boolean allow) {
      this.allowAnonymous = allow;
      return this;
    }

    /** {@code persistence}, {@code false} unless set; the location is always the instance's data directory. */
    public Builder persistence(boolean enabled) {
      this.persistence = enabled;
      return this;
    }

    /** {@code autosave_interval} in seconds. */
    public Builder autosaveInterval(int seconds) {
      this.autosaveInterval = nonNegative("autosave_interval", seconds);
      return this;
    }

    /** {@code max_inflight_messages}: QoS 1 and 2 messages in flight per client, 0 for no limit. */
    public Builder maxInflightMessages(int count) {
      this.maxInflightMessages = nonNegative("max_inflight_messages", count);
      return this;
    }

    /** {@code max_queued_messages}: messages queued per client beyond the inflight ones, 0 for no limit. */
    public Builder maxQueuedMessages(int count) {
      this.maxQueuedMessages = nonNegative("max_queued_messages", count);
      return this;
    }

    /** {@code max_packet_size} in bytes: larger packets make Mosquitto close the connection. */
    public Builder maxPacketSize(int bytes) {
      if (bytes < 20) {
        // Mosquitto itself refuses values below 20 and would not start.
        throw new IllegalArgumentException("max_packet_size must be at least 20, was " + bytes);
      }
      this.maxPacketSize = bytes;
      return this;
    }

    /**
     * Adds a user to the password file (written with {@code mosquitto_passwd -b}). Anonymous access stays
     * as set by {@link #allowAnonymous(boolean)}.
     */
    public Builder user(String name, String password) {
      requireSingleLine(name);
      if (name.isEmpty() || name.indexOf(':') >= 0) {
        throw new IllegalArgumentException("a user name must be non-empty and without ':': " + name);
      }
      users.put(name, requireSingleLine(password));
      return this;
    }

    /** Adds lines to the ACL file, e.g. {@code "user alice"}, {@code "topic readwrite plant/#"}. */
    public Builder acl(String... lines) {
      for (String line : lines) {
        aclLines.add(requireSingleLine(line));
      }
      return this;
    }

    /** Adds a TLS listener on a second free port. */
    public Builder tls(MosquittoTlsListener listener) {
      this.tls = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** {@code log_type all} instead of errors, warnings, notices and information: large logs, for debugging. */
    public Builder logEverything(boolean enabled) {
      this.logEverything = enabled;
      return this;
    }

    /** Appends lines verbatim after the plain listener line. */
    public Builder extraLines(String... lines) {
      for (String line : lines) {
        extraLines.add(requireSingleLine(line));
      }
      return this;
    }

    /** The immutable config; the builder can be reused. */
    public MosquittoConfig build() {
      return new MosquittoConfig(this);
    }

    private static int nonNegative(String option, int value) {
      if (value < 0) {
        throw new IllegalArgumentException(option + " must not be negative, was " + value);
      }
      return value;
    }
  }
}
