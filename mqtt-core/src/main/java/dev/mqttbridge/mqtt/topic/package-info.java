/**
 * The MQTT topic model: validated {@link dev.mqttbridge.mqtt.topic.TopicName topic names} for
 * PUBLISH, {@link dev.mqttbridge.mqtt.topic.TopicFilter topic filters} for SUBSCRIBE (shared
 * subscriptions included) and the matching rules of MQTT 3.1.1 and 5.0 section 4.7.
 */
package dev.mqttbridge.mqtt.topic;
