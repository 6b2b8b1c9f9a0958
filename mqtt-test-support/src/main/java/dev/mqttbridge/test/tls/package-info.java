/** Certificates generated at test time for TLS tests: a CA, server and client identities, bad cases. */
package dev.mqttbridge.test.tls;
