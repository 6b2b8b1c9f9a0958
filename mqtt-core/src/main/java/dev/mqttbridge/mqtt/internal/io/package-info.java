/** Which Netty socket transport the client and the broker use: native epoll when present, else NIO. */
package dev.mqttbridge.mqtt.internal.io;
