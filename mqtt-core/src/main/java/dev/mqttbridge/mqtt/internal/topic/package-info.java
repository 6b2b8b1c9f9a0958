/**
 * Internal: the {@link dev.mqttbridge.mqtt.internal.topic.SubscriptionTree subscription tree} the
 * broker and the client use to find the subscriptions a topic name matches. Not API.
 */
package dev.mqttbridge.mqtt.internal.topic;
