#!/bin/sh
# Registers every examples/*.json connector with the Connect worker (PUT is idempotent, so
# re-running the service updates them instead of failing on "already exists").
set -eu
CONNECT="${CONNECT_URL:-http://connect:8083}"
until curl -fsS "$CONNECT/connector-plugins" | grep -q MqttSourceConnector; do
  echo "waiting for $CONNECT and the MQTT plugin..."
  sleep 2
done
for file in /examples/*.json; do
  name=$(sed -n 's/^ *"name": *"\([^"]*\)".*/\1/p' "$file" | head -n 1)
  # The REST payload is {"name", "config"}; PUT /connectors/NAME/config takes the config alone.
  config=$(tr -d '\n' < "$file" | sed 's/^.*"config": *\({.*}\) *} *$/\1/')
  echo "registering $name from $file"
  curl -fsS -X PUT -H 'Content-Type: application/json' --data "$config" \
    "$CONNECT/connectors/$name/config"
  echo
done
