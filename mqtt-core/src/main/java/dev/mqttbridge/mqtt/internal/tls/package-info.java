/**
 * TLS key material with the JDK alone: PEM certificates and keys (PKCS#8, encrypted PKCS#8, RSA
 * PKCS#1, EC SEC1 and OpenSSL's encryption of those two), JKS/PKCS12 stores, and the Netty {@code
 * SslContext} a client connection uses (from those files or around a ready-made {@code
 * SSLContext}). The broker's TLS listeners load their material through {@link
 * dev.mqttbridge.mqtt.internal.tls.KeyMaterial} too.
 */
package dev.mqttbridge.mqtt.internal.tls;
