/**
 * TLS settings shared by the client and the broker's listeners: where trust and identity come from
 * (PEM files or JKS/PKCS12 stores), protocols, ALPN and hostname verification.
 */
package dev.mqttbridge.mqtt.tls;
